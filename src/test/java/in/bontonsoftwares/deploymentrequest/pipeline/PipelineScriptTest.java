package in.bontonsoftwares.deploymentrequest.pipeline;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.node.RequestDriver;
import in.bontonsoftwares.deploymentrequest.node.RequestDriver.Step;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.ProcessTestSupport;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The ready-made pipeline steps, {@code examples/ci/drp-gate.sh}, run with {@code sh} and {@code
 * curl} against the whole app, as a pipeline runs them: the requester files the example request,
 * the pipeline's service account waits at the gate while the reviewers work the request through the
 * Java API, then reports the deployment. Skipped without {@code sh} or {@code curl}, except under
 * {@code CI=true}, where it fails instead.
 */
@WebAppTest
@DependsOnTime
class PipelineScriptTest extends ProcessTestSupport {

  private static final Path SCRIPT = Path.of("examples/ci/drp-gate.sh");
  private static final Path EXAMPLE_REQUEST = Path.of("examples/ci/request.json");
  private static final String VERSION = "1.4.2";
  private static final String COMMIT = "3f2c1a9e8b7d6c5f4a3b2c1d0e9f8a7b6c5d4e3f";

  /** A run URL with characters that must be encoded in a query string and a JSON string. */
  private static final String RUN_URL =
      "https://ci.example.com/payments/pipelines/%d?attempt=2&ref=release+1";

  /** Quotes, a backslash and line breaks, which the script must escape in JSON. */
  private static final String MESSAGE = "Deployed \"1.4.2\" in 3 min\nC:\\deploy\\log: ok\n";

  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;
  @LocalServerPort int port;
  @TempDir Path folder;

  @BeforeAll
  static void shAndCurl() {
    List<String> missing = Stream.of("sh", "curl").filter(cmd -> !onPath(cmd)).toList();
    if (missing.isEmpty()) {
      return;
    }
    String message = "The pipeline script needs sh and curl; not found: " + missing;
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail(message + ". CI=true, so this fails instead of skipping.");
    }
    Assumptions.abort(message + ". Skipping (with CI=true this fails instead).");
  }

  @Test
  void shouldFileWaitAtTheGateAndReportADeploymentToTheEnd() throws Exception {
    String dana = token("dana");
    String bot = token("cibot");
    String runUrl = RUN_URL.formatted(42);
    Map<String, String> run =
        Map.of("DRP_RUN_URL", runUrl, "DRP_VERSION", VERSION, "DRP_COMMIT_SHA", COMMIT);
    Path body = exampleRequest();

    // the requester files the example request; filed again by the same run, it is the same one
    Result filed = script(dana, run, "request", body.toString()).finish();
    assertThat(filed.exit()).as(filed.toString()).isZero();
    String number = filed.lastLine();
    assertThat(number).matches("DR-\\d{4}-\\d{4,}");
    assertThat(filed.stdout().strip()).isEqualTo(number);
    Result again = script(dana, run, "request", body.toString()).finish();
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.lastLine()).isEqualTo(number);
    assertThat(again.stderr()).contains("filed before");
    ProcessInstance instance =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(number)
            .singleResult();
    runDueJobs(instance);

    // the pipeline waits at the gate while the request is reviewed and scheduled
    Script gate =
        script(
            bot,
            Map.of("DRP_RUN_URL", runUrl, "DRP_GATE_WAIT", "3"),
            "gate",
            number,
            "production",
            VERSION);
    gate.awaitError("WAIT IN_REVIEW");
    assertNoCommandLineHolds(bot, "/gate?");
    work(instance, RequestDriver.REVIEW);
    gate.awaitError("WAIT NOT_SCHEDULED");
    complete(instance, Element.SCHEDULE_DEPLOYMENT, "sofia", windowOpenedAMinuteAgo());
    runDueJobsButTimers(instance);
    gate.awaitError("WAIT WINDOW_NOT_OPEN");
    managementService.executeJob(windowTimer(instance).getId());
    runDueJobs(instance);

    Result go = gate.finish();
    assertThat(go.exit()).as(go.toString()).isZero();
    assertThat(go.stdout()).startsWith("GO ");
    assertThat(go.stderr())
        .contains("WAIT IN_REVIEW", "WAIT NOT_SCHEDULED", "WAIT WINDOW_NOT_OPEN");

    // the pipeline reports; the requester may not
    Result started = script(bot, run, "report", number, "STARTED").finish();
    assertThat(started.exit()).as(started.toString()).isZero();
    Result refused = script(dana, run, "report", number, "SUCCEEDED", "by me").finish();
    assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.stderr()).contains("refused", "HTTP 403");
    Result succeeded = script(bot, run, "report", number, "SUCCEEDED", MESSAGE).finish();
    assertThat(succeeded.exit()).as(succeeded.toString()).isZero();
    runDueJobs(instance);

    work(instance, RequestDriver.VERIFY);
    work(instance, RequestDriver.DOCUMENT);

    ResponseEntity<JsonNode> status =
        as("dana").getForEntity("/api/deployment-requests/{n}", JsonNode.class, number);
    assertThat(status.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(status.getBody().get("state").asText()).isEqualTo("DEPLOYED");
    ResponseEntity<String> record =
        as("sofia").getForEntity("/api/records/{n}/json", String.class, number);
    assertThat(record.getStatusCode()).isEqualTo(HttpStatus.OK);
    // the run URL as the request, the gate and the events got it; the message with its quotes,
    // backslashes and line breaks (less the last one, as sh drops it)
    assertThat(texts(json.readTree(record.getBody()))).contains(runUrl, MESSAGE.strip());
    assertThat(Stream.of(filed, again, go, started, refused, succeeded))
        .allSatisfy(result -> assertThat(result.toString()).doesNotContain(bot, dana));
  }

  @Test
  void shouldExitWithTheReasonOnStopTimeoutAndErrors() throws Exception {
    String dana = token("dana");
    String bot = token("cibot");
    Map<String, String> run = Map.of("DRP_RUN_URL", RUN_URL.formatted(43), "DRP_VERSION", VERSION);
    Map<String, String> otherRun =
        Map.of("DRP_RUN_URL", RUN_URL.formatted(44), "DRP_VERSION", VERSION);
    Result invalid =
        script(dana, otherRun, "request", write("invalid.json", "{\"projectName\": \"Payments\"}"))
            .finish();
    assertThat(invalid.exit()).as(invalid.toString()).isEqualTo(1);
    assertThat(invalid.stderr()).contains("HTTP 400", "  - ").containsIgnoringCase("required");
    String number = script(dana, run, "request", exampleRequest().toString()).finish().lastLine();

    Result stop =
        script(bot, Map.of("DRP_GATE_WAIT", "1"), "gate", number, "production", "9.9.9").finish();
    assertThat(stop.exit()).as(stop.toString()).isEqualTo(1);
    assertThat(stop.stdout()).startsWith("STOP VERSION_MISMATCH");

    Result timeout =
        script(
                bot,
                Map.of("DRP_GATE_WAIT", "1", "DRP_GATE_TIMEOUT", "2"),
                "gate",
                number,
                "production",
                VERSION)
            .finish();
    assertThat(timeout.exit()).as(timeout.toString()).isEqualTo(2);
    assertThat(timeout.stderr()).contains("WAIT IN_REVIEW", "no GO after 2s");

    String unknownToken = "drp_" + "A".repeat(43);
    Result unauthorized =
        script(unknownToken, Map.of(), "gate", number, "production", VERSION).finish();
    assertThat(unauthorized.exit()).as(unauthorized.toString()).isEqualTo(3);
    assertThat(unauthorized.stderr()).contains("HTTP 401").doesNotContain(unknownToken);
    Result unknown = script(bot, Map.of(), "gate", "DR-1999-9999", "production", VERSION).finish();
    assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(3);
    assertThat(unknown.stderr()).contains("HTTP 404");
  }

  /** The example request, its window moved to tomorrow, without smoke tests and QA. */
  private Path exampleRequest() throws IOException {
    ObjectNode request = (ObjectNode) json.readTree(EXAMPLE_REQUEST.toFile());
    Instant start = TestClock.now().plus(Duration.ofDays(1));
    request.put(WINDOW_START, WindowTime.store(start));
    request.put(WINDOW_END, WindowTime.store(start.plus(Duration.ofHours(2))));
    request.put(SMOKE_TESTS_APPLY, false);
    request.put(QA_VALIDATION_APPLIES, false);
    return Path.of(write("request.json", json.writeValueAsString(request)));
  }

  /** Scheduling that confirms a window that opened a minute ago (the validator allows five). */
  private static Map<String, Object> windowOpenedAMinuteAgo() {
    Instant now = TestClock.now();
    return Map.of(
        CONFIRMED_WINDOW_START,
        WindowTime.store(now.minus(Duration.ofMinutes(1))),
        CONFIRMED_WINDOW_END,
        WindowTime.store(now.plus(Duration.ofHours(1))),
        ROLLBACK_PROCEDURE_CONFIRMED,
        true,
        CONFIRM_DESPITE_CONFLICTS,
        true,
        SCHEDULING_NOTES,
        "Freeze on payments-api during the window");
  }

  private void work(ProcessInstance instance, Step step) {
    complete(instance, step.taskKey(), step.user(), step.form().get());
    runDueJobs(instance);
  }

  private Job windowTimer(ProcessInstance instance) {
    return managementService
        .createJobQuery()
        .processInstanceId(instance.getId())
        .activityId(Element.TIMER_WINDOW_OPENS)
        .singleResult();
  }

  /**
   * While the script's curl is at work, no process's command line holds the token: it reaches curl
   * on its standard input.
   */
  private static void assertNoCommandLineHolds(String token, String callMarker) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                commandLines()
                    .anyMatch(line -> line.contains("curl") && line.contains(callMarker)));
    assertThat(commandLines()).noneMatch(line -> line.contains(token));
  }

  private static Stream<String> commandLines() {
    return ProcessHandle.allProcesses()
        .map(process -> process.info().commandLine().orElse(""))
        .toList()
        .stream();
  }

  private String token(String user) {
    ResponseEntity<JsonNode> created =
        as(user).postForEntity("/api/tokens", Map.of("name", "pipeline"), JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return created.getBody().get("token").asText();
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, properties.demo().password());
  }

  private String write(String name, String content) throws IOException {
    return Files.writeString(folder.resolve(name), content).toString();
  }

  private static List<String> texts(JsonNode node) {
    List<String> texts = new ArrayList<>();
    if (node.isTextual()) {
      texts.add(node.asText());
    }
    node.forEach(child -> texts.addAll(texts(child)));
    return texts;
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
  }

  /**
   * Starts {@code sh drp-gate.sh} with the token and the app's URL, and the caller's other
   * variables; nothing else of the test JVM's {@code DRP_} variables.
   */
  private Script script(String token, Map<String, String> variables, String... arguments)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("DRP_"));
    builder.environment().put("DRP_URL", "http://localhost:" + port);
    builder.environment().put("DRP_TOKEN", token);
    builder.environment().put("DRP_RETRY_PAUSE", "1");
    builder.environment().putAll(variables);
    Path out = Files.createTempFile(folder, "stdout", ".txt");
    Path err = Files.createTempFile(folder, "stderr", ".txt");
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    return new Script(builder.start(), out, err);
  }

  /** A run of the script, its output in files (so that one in the background never blocks). */
  private record Script(Process process, Path out, Path err) {

    void awaitError(String text) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> read(err).contains(text) || !process.isAlive());
      assertThat(read(err)).as("the script's stderr").contains(text);
    }

    Result finish() throws InterruptedException {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        Assertions.fail("The script did not end within 2 minutes: " + read(err));
      }
      return new Result(process.exitValue(), read(out), read(err));
    }

    private static String read(Path file) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private record Result(int exit, String stdout, String stderr) {

    String lastLine() {
      List<String> lines = stdout.strip().lines().toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + stdout + "stderr:\n" + stderr;
    }
  }
}
