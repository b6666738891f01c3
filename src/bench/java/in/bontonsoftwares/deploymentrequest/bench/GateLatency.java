package in.bontonsoftwares.deploymentrequest.bench;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.TestRequests.restVariables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.node.EngineRest;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline gate under a fleet of pipelines: requests approved and scheduled for a window that
 * opens a little later, {@code calls} gate calls waiting on them at once ({@code wait=PT5M}, one
 * connection each, HTTP/1.1 through one asynchronous {@link HttpClient}), what the node holds for
 * them, and when each call gets its GO after the window opened. The pipelines ask as {@code cibot}
 * with a personal access token, each with a run of its own.
 */
final class GateLatency {

  /** What the requests of {@link TestRequests#validRequest()} are for; they name no digest. */
  static final String ASK = "environment=production&version=2.4.1";

  /** A pipeline waits as long as the gate lets it: deployment-request.gate.max-wait. */
  static final String WAIT = "PT5M";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ENGINE_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  /** A request of the benchmark: its process instance and number. */
  record Request(String instanceId, String number) {}

  /** What the node's JVM holds at one moment ({@code BenchNodeController#jvm}). */
  record Jvm(
      long heapUsedBytes,
      int liveThreads,
      int tomcatConnections,
      int tomcatThreads,
      int tomcatBusyThreads,
      long gateWaiting,
      long gateWaitsCpuNanos,
      long processCpuNanos,
      Map<String, Integer> threadsByName) {

    double heapMiB() {
      return heapUsedBytes / (1024.0 * 1024.0);
    }

    /** Live threads other than Tomcat's workers (a pool that grows with bursts of calls). */
    int otherThreads() {
      return liveThreads - tomcatThreads;
    }
  }

  /** A gate answer as a pipeline got it: status, body, when its status line arrived. */
  record Answer(int status, String body, Instant at) {}

  /**
   * One window opening: milliseconds from the confirmed window start to each call's GO, to each
   * request's timer (the job executor ran it), from the timer to the request at "Execute
   * deployment" (the ticket move, a job of its own), and from there to each call's GO (the gate's
   * own part: commit, recheck, GO record, answer); calls not answered GO.
   */
  record Opening(
      Instant windowStart,
      List<Double> goMillis,
      List<Double> timerMillis,
      List<Double> moveMillis,
      List<Double> gateMillis,
      int notGo,
      String firstNotGo) {}

  private final String baseUrl;
  private final EngineRest rest;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  GateLatency(String baseUrl) {
    this.baseUrl = baseUrl;
    this.rest = new EngineRest(() -> baseUrl);
    this.token =
        rest.call("cibot", "POST", "/api/tokens", Map.of("name", "fleet")).get("token").asText();
  }

  /**
   * Starts {@code count} requests and approves them; returns them once each waits at "Schedule
   * deployment".
   */
  List<Request> approved(int count) throws Exception {
    Workload workload = Workload.deploymentRequest();
    Map<String, Object> review = restVariables(workload.steps().get(0).form().get());
    List<Request> requests =
        parallel(
            count,
            i -> {
              JsonNode started =
                  rest.call(
                      workload.starter(),
                      "POST",
                      "/engine-rest/process-definition/key/"
                          + workload.processKey()
                          + "/submit-form",
                      restVariables(workload.startForm().get()));
              Request request =
                  new Request(started.get("id").asText(), started.get("businessKey").asText());
              String task = awaitTask(request, REVIEW_REQUEST);
              rest.call("sofia", "POST", "/engine-rest/task/" + task + "/claim", userId("sofia"));
              rest.call("sofia", "POST", "/engine-rest/task/" + task + "/submit-form", review);
              return request;
            });
    for (Request request : requests) {
      awaitTask(request, SCHEDULE_DEPLOYMENT);
    }
    return requests;
  }

  /**
   * DevSecOps (sofia) confirms a window for each request that starts at the first full minute at
   * least {@code lead} from now (windows are kept to the minute) and lasts an hour; returns its
   * start once every request is scheduled (the gate answers WAIT, WINDOW_NOT_OPEN).
   */
  Instant schedule(List<Request> requests, Duration lead) throws Exception {
    Instant opens = Instant.now().plus(lead).plus(Duration.ofSeconds(59));
    opens = opens.truncatedTo(ChronoUnit.MINUTES);
    scheduleAt(requests, opens);
    for (Request request : requests) {
      Instant deadline = Instant.now().plusSeconds(60);
      while (!"SCHEDULED".equals(gateNow(request).get("state").asText())) {
        if (!Instant.now().isBefore(opens)) {
          throw new IllegalStateException(
              "The window opened before " + request.number() + " was scheduled: raise the lead");
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(request.number() + " not scheduled after 60 s");
        }
        Thread.sleep(100);
      }
    }
    return opens;
  }

  private void scheduleAt(List<Request> requests, Instant opens) throws Exception {
    Map<String, Object> form = new HashMap<>(TestRequests.scheduleNow());
    form.put(Var.CONFIRMED_WINDOW_START, WindowTime.store(opens));
    form.put(Var.CONFIRMED_WINDOW_END, WindowTime.store(opens.plus(Duration.ofHours(1))));
    Map<String, Object> variables = restVariables(form);
    parallel(
        requests.size(),
        i -> {
          String task = awaitTask(requests.get(i), SCHEDULE_DEPLOYMENT);
          rest.call("sofia", "POST", "/engine-rest/task/" + task + "/claim", userId("sofia"));
          rest.call("sofia", "POST", "/engine-rest/task/" + task + "/submit-form", variables);
          return null;
        });
  }

  /**
   * Warm-up of the gate's paths on a new JVM: {@code calls} answers without waiting on {@code
   * approved} (WAIT, NOT_SCHEDULED) and as many GOs, each recorded, on a few requests whose window
   * opened a minute ago (the validator accepts a start up to 5 minutes back); 50 calls at a time.
   */
  void warmUp(List<Request> approved, List<Request> toOpen, int calls) throws Exception {
    Instant opened = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    scheduleAt(toOpen, opened);
    for (Request request : toOpen) {
      Instant deadline = Instant.now().plusSeconds(120);
      while (!"GO".equals(gateNow(request).get("decision").asText())) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(request.number() + ": no GO 120 s after its window");
        }
        Thread.sleep(200);
      }
    }
    for (List<Request> requests : List.of(approved, toOpen)) {
      for (int from = 0; from < calls; from += 50) {
        List<CompletableFuture<Answer>> batch = new ArrayList<>();
        for (int i = from; i < Math.min(calls, from + 50); i++) {
          batch.add(
              ask(http, requests.get(i % requests.size()), "warm-up-" + i, null)
                  .thenApply(
                      answer -> {
                        if (answer.status() != 200 && answer.status() != 202) {
                          throw new IllegalStateException("Warm-up gate call: " + answer);
                        }
                        return answer;
                      }));
        }
        CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      }
    }
  }

  /** {@code calls} pipelines waiting at once, on a client of their own. */
  final class Fleet {
    private final HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    private final List<Request> requests;
    private final List<CompletableFuture<Answer>> answers = new ArrayList<>();
    private final List<Request> askedOf = new ArrayList<>();
    private Duration placing;

    private Fleet(List<Request> requests) {
      this.requests = requests;
    }

    /** How long it took from the first call sent until all were waiting on the node. */
    Duration placing() {
      return placing;
    }
  }

  /**
   * Sends {@code calls} gate calls with {@code wait=PT5M}, call i on request i mod n, all at once;
   * returns once the node counts them all waiting ({@code deployment.gate.waiting}).
   */
  Fleet waiting(List<Request> requests, int calls, String runs) throws Exception {
    Fleet fleet = new Fleet(requests);
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      Request request = requests.get(i % requests.size());
      fleet.askedOf.add(request);
      fleet.answers.add(ask(fleet.client, request, runs + "-" + i, WAIT));
    }
    Instant deadline = Instant.now().plusSeconds(120);
    while (jvm(false).gateWaiting() < calls) {
      for (CompletableFuture<Answer> answer : fleet.answers) {
        if (answer.isDone()) {
          throw new IllegalStateException(
              "A waiting gate call was answered early: " + answer.get());
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "Only "
                + jvm(false).gateWaiting()
                + " of "
                + calls
                + " gate calls waiting after 120 s");
      }
      Thread.sleep(100);
    }
    fleet.placing = Duration.ofNanos(System.nanoTime() - start);
    return fleet;
  }

  /** Waits for every call of the fleet and times its answer against the window's start. */
  Opening answers(Fleet fleet, Instant opens) throws Exception {
    List<Answer> answers = new ArrayList<>();
    for (CompletableFuture<Answer> answer : fleet.answers) {
      answers.add(
          answer.get(Duration.between(Instant.now(), opens).toSeconds() + 360, TimeUnit.SECONDS));
    }
    Map<String, Instant> timers = times(TIMER_WINDOW_OPENS, "endTime");
    Map<String, Instant> executions = times(EXECUTE_DEPLOYMENT, "startTime");
    List<Double> go = new ArrayList<>();
    List<Double> gate = new ArrayList<>();
    int notGo = 0;
    String firstNotGo = null;
    for (int i = 0; i < answers.size(); i++) {
      Answer answer = answers.get(i);
      if (answer.status() != 200) {
        notGo++;
        firstNotGo = firstNotGo == null ? answer.status() + " " + answer.body() : firstNotGo;
        continue;
      }
      go.add(millis(opens, answer.at()));
      Instant execution = executions.get(fleet.askedOf.get(i).instanceId());
      if (execution != null) {
        gate.add(millis(execution, answer.at()));
      }
    }
    List<Double> timer = new ArrayList<>();
    List<Double> move = new ArrayList<>();
    for (Request request : fleet.requests) {
      Instant fired = timers.get(request.instanceId());
      Instant executing = executions.get(request.instanceId());
      if (fired != null) {
        timer.add(millis(opens, fired));
        if (executing != null) {
          move.add(millis(fired, executing));
        }
      }
    }
    return new Opening(opens, go, timer, move, gate, notGo, firstNotGo);
  }

  /** When each request passed {@code activityId}, from the history. */
  private Map<String, Instant> times(String activityId, String field) {
    Map<String, Instant> times = new HashMap<>();
    rest.call(
            "admin",
            "GET",
            "/engine-rest/history/activity-instance?activityId="
                + activityId
                + "&processDefinitionKey="
                + DeploymentRequestProcess.KEY
                + "&maxResults=100000",
            null)
        .forEach(
            instance -> {
              JsonNode time = instance.get(field);
              if (time != null && !time.isNull()) {
                times.put(
                    instance.get("processInstanceId").asText(),
                    OffsetDateTime.parse(time.asText(), ENGINE_DATE).toInstant());
              }
            });
    return times;
  }

  /**
   * The node's JVM now; {@code gc}: after a full GC (heap figures), otherwise as it is (counts, CPU
   * times).
   */
  Jvm jvm(boolean gc) {
    JsonNode jvm = rest.call("admin", "POST", "/bench/jvm?gc=" + gc, null);
    return new Jvm(
        jvm.get("heapUsedBytes").asLong(),
        jvm.get("liveThreads").asInt(),
        jvm.get("tomcatConnections").asInt(),
        jvm.path("tomcatThreads").asInt(-1),
        jvm.path("tomcatBusyThreads").asInt(-1),
        jvm.get("gateWaiting").asLong(),
        jvm.get("gateWaitsCpuNanos").asLong(),
        jvm.get("processCpuNanos").asLong(),
        JSON.convertValue(
            jvm.get("threadsByName"),
            new com.fasterxml.jackson.core.type.TypeReference<Map<String, Integer>>() {}));
  }

  /**
   * Waits until the node has no more than {@code connections} open connections: a fleet's client,
   * no longer referenced, closes its connections once it is collected (Java 17's client has no
   * close()); otherwise Tomcat closes idle ones after its keep-alive timeout (60 s).
   */
  Jvm settle(int connections) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(90);
    Jvm jvm = jvm(false);
    while (jvm.tomcatConnections() > connections && Instant.now().isBefore(deadline)) {
      System.gc();
      Thread.sleep(1_000);
      jvm = jvm(false);
    }
    return jvm;
  }

  private JsonNode gateNow(Request request) throws Exception {
    Answer answer = ask(http, request, null, null).get(30, TimeUnit.SECONDS);
    if (answer.status() != 200 && answer.status() != 202 && answer.status() != 403) {
      throw new IllegalStateException("Gate of " + request.number() + ": " + answer);
    }
    return JSON.readTree(answer.body());
  }

  private CompletableFuture<Answer> ask(
      HttpClient client, Request request, String run, String wait) {
    String query =
        ASK
            + (wait == null ? "" : "&wait=" + wait)
            + (run == null ? "" : "&run=https://ci.example.com/fleet/runs/" + run);
    HttpRequest call =
        HttpRequest.newBuilder(
                URI.create(
                    baseUrl + "/api/deployment-requests/" + request.number() + "/gate?" + query))
            .timeout(Duration.ofMinutes(7))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    return client
        .sendAsync(
            call,
            info -> {
              Instant at = Instant.now();
              return HttpResponse.BodySubscribers.mapping(
                  HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8),
                  body -> new Answer(info.statusCode(), body, at));
            })
        .thenApply(HttpResponse::body);
  }

  private String awaitTask(Request request, String taskKey) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(120);
    while (true) {
      JsonNode tasks =
          rest.call(
              "sofia",
              "GET",
              "/engine-rest/task?processInstanceId="
                  + request.instanceId()
                  + "&taskDefinitionKey="
                  + taskKey,
              null);
      if (!tasks.isEmpty()) {
        return tasks.get(0).get("id").asText();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(request.number() + ": no " + taskKey + " after 120 s");
      }
      Thread.sleep(100);
    }
  }

  private static Map<String, Object> userId(String user) {
    return Map.of("userId", user);
  }

  private static double millis(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e6;
  }

  interface Work<T> {
    T run(int i) throws Exception;
  }

  /** {@code work} for 0..count-1 on 4 threads, as 4 people (or pipelines) would; in order. */
  private static <T> List<T> parallel(int count, Work<T> work) throws Exception {
    ExecutorService people = Executors.newFixedThreadPool(4);
    try {
      List<Future<T>> done = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        done.add(people.submit(() -> work.run(n)));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> result : done) {
        results.add(result.get());
      }
      return results;
    } finally {
      people.shutdownNow();
    }
  }
}
