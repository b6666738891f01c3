package in.bontonsoftwares.deploymentrequest.pipeline;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.identity.Groups;
import in.bontonsoftwares.deploymentrequest.identity.TestUsers;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pipeline gate over real HTTP with tokens: a developer's token files the request, the pipeline
 * account {@code cibot} asks the gate and reports, DevSecOps review and schedule in the engine.
 */
@WebAppTest
class PipelineGateTest {

  static final String DIGEST = "sha256:" + "ab12".repeat(16);
  static final String COMMIT = "9fceb02d0ae598e95dc970b74767f19372d61af8";
  static final String RUN = "https://ci.example.com/payments/runs/4711";

  @Autowired TestRestTemplate http;
  @Autowired DeploymentRequestProperties properties;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired JdbcTemplate jdbc;
  @Autowired Clock clock;
  @Autowired MeterRegistry meters;

  PipelineApi api;
  String dana;
  String cibot;

  @BeforeEach
  void tokens() {
    api = new PipelineApi(http, properties.demo().password());
    dana = api.token("dana");
    cibot = api.token("cibot");
  }

  @AfterEach
  void signOut() {
    identityService.clearAuthentication();
  }

  Map<String, Object> request() {
    Map<String, Object> request = TestRequests.validRequest(properties);
    request.put(Data.COMMIT_SHA.name(), COMMIT);
    request.put(Data.ARTIFACT_DIGEST.name(), DIGEST);
    request.put(Data.PIPELINE_RUN_URL.name(), RUN);
    return request;
  }

  @Test
  void shouldFileARequestAsTheStartFormDoesAndShowItOnlyToThoseWhoMayReadIt() {
    ResponseEntity<JsonNode> filed = api.file(dana, request(), null);

    assertThat(filed.getStatusCode()).as(filed.getBody().toString()).isEqualTo(HttpStatus.CREATED);
    String number = filed.getBody().get("requestNumber").asText();
    assertThat(number).matches("DR-\\d{4}-\\d{4,}");
    assertThat(filed.getHeaders().getLocation()).hasPath("/api/deployment-requests/" + number);
    JsonNode status = filed.getBody();
    assertThat(status.get("state").asText()).isEqualTo("IN_REVIEW");
    assertThat(status.get("requester").get("id").asText()).isEqualTo("dana");
    assertThat(status.get("artifactDigest").asText()).isEqualTo(DIGEST);
    assertThat(status.get("commitSha").asText()).isEqualTo(COMMIT);
    assertThat(status.get("links").get("gate").asText())
        .isEqualTo("/api/deployment-requests/" + number + "/gate");
    String instance = instance(number);
    assertThat(runtimeService.getVariable(instance, Var.REQUESTER)).isEqualTo("dana");
    assertThat(runtimeService.getVariable(instance, Data.PIPELINE_RUN_URL.name())).isEqualTo(RUN);

    runJobs(instance, false); // the request mail
    JsonNode inReview = api.status(dana, number).getBody();
    assertThat(inReview.get("state").asText()).isEqualTo("IN_REVIEW");
    JsonNode task = inReview.get("openTasks").get(0);
    assertThat(task.get("taskDefinitionKey").asText()).isEqualTo(REVIEW_REQUEST);
    assertThat(task.get("candidateGroups").toString()).isEqualTo("[\"devsecops\"]");
    assertThat(task.get("due").asText()).isNotBlank();
    assertThat(inReview.get("timeline").findValuesAsText("activityId"))
        .contains("StartEvent_RequestSubmitted", CHECK_CHECKLIST);

    for (String reader : List.of("sofia", "quinn", "admin", "cibot")) {
      assertThat(api.status(api.token(reader), number).getStatusCode())
          .as(reader)
          .isEqualTo(HttpStatus.OK);
    }
    ResponseEntity<JsonNode> otherDeveloper = api.status(api.token("dev"), number);
    assertThat(otherDeveloper.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(
            api.gate(api.token("dev"), number, "environment=production&version=2.4.1")
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.status(dana, "DR-1999-0001").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    JsonNode mine = api.get(dana, "/api/deployment-requests?mine=true&state=IN_REVIEW").getBody();
    assertThat(mine.findValuesAsText("requestNumber")).contains(number);
    assertThat(
            api.get(api.token("dev"), "/api/deployment-requests?mine=true")
                .getBody()
                .findValuesAsText("requestNumber"))
        .doesNotContain(number);
    assertThat(
            api.get(api.token("sofia"), "/api/deployment-requests?state=DEPLOYED")
                .getBody()
                .findValuesAsText("requestNumber"))
        .doesNotContain(number);
  }

  @Test
  void shouldRefuseInvalidRequestsWithEveryProblemAndStoreNothing() {
    long before = historyService.createHistoricProcessInstanceQuery().count();
    Map<String, Object> invalid = request();
    invalid.remove(Var.ROLLBACK_PLAN);
    invalid.put(Data.ARTIFACT_DIGEST.name(), "md5:abc");
    invalid.put(Data.COMMIT_SHA.name(), "not-a-sha");

    ResponseEntity<JsonNode> refused = api.file(dana, invalid, "invalid-1");

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getHeaders().getContentType().toString()).contains("problem+json");
    assertThat(refused.getBody().get("problems").toString())
        .contains("Rollback plan is required")
        .contains("Artifact digest 'md5:abc'")
        .contains("Commit 'not-a-sha'");
    assertThat(refused.getBody().toString()).doesNotContain("Exception\"", "at org.");

    Map<String, Object> sneaky = request();
    sneaky.put(Var.REVIEW_DECISION, "approve");
    sneaky.put(Var.REQUESTER, "sofia");
    ResponseEntity<JsonNode> outside = api.file(dana, sneaky, null);
    assertThat(outside.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(outside.getBody().get("problems").toString())
        .contains("reviewDecision")
        .contains("requester");

    assertThat(api.file(dana, request(), "with space").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(before);
    // the failed start left its key free
    assertThat(api.file(dana, request(), "invalid-1").getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void shouldRefuseAHealthCheckUrlWhoseHostChecksMayNotCallAndStartNothing() {
    long before = historyService.createHistoricProcessInstanceQuery().count();
    Map<String, Object> internal = request();
    internal.put(Data.HEALTH_CHECK_URL.name(), "http://internal.db:5432/");
    Map<String, Object> disguised = request();
    disguised.put(Data.HEALTH_CHECK_URL.name(), "http://payments.example.com@127.0.0.2:8080/");

    ResponseEntity<JsonNode> refused = api.file(dana, internal, "internal-host-1");
    ResponseEntity<JsonNode> alsoRefused = api.file(dana, disguised, null);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("problems").toString())
        .contains(
            "Health-check URL: host internal.db:5432 is not among the hosts health checks may"
                + " call (deployment-request.health.allowed-hosts): localhost, 127.0.0.1,"
                + " *.example.com.");
    assertThat(alsoRefused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(alsoRefused.getBody().get("problems").toString())
        .contains("Health-check URL: a user name or password before the host (…@127.0.0.2)");
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(before);
    // nothing half-written: the refused start left its key free
    assertThat(api.file(dana, request(), "internal-host-1").getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void shouldAnswerARetriedCallWithTheSameRequestAndRefuseTheKeyForAnotherBody() {
    ResponseEntity<JsonNode> first = api.file(dana, request(), "run-4711-attempt");
    ResponseEntity<JsonNode> again = api.file(dana, request(), "run-4711-attempt");
    Map<String, Object> other = request();
    other.put(Var.VERSION, "9.9.9");
    ResponseEntity<JsonNode> otherBody = api.file(dana, other, "run-4711-attempt");
    ResponseEntity<JsonNode> otherUser = api.file(api.token("dev"), request(), "run-4711-attempt");

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().get("requestNumber"))
        .isEqualTo(first.getBody().get("requestNumber"));
    assertThat(otherBody.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(otherBody.getBody().get("detail").asText()).contains("another body");
    // keys are per user
    assertThat(otherUser.getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void shouldStartOneRequestForTwoSimultaneousCallsWithOneKey() throws Exception {
    long before = historyService.createHistoricProcessInstanceQuery().count();
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<ResponseEntity<JsonNode>>> calls = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      calls.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return api.file(dana, request(), "simultaneous");
              }));
    }
    go.countDown();
    List<ResponseEntity<JsonNode>> answers = new ArrayList<>();
    for (CompletableFuture<ResponseEntity<JsonNode>> call : calls) {
      answers.add(call.get(60, TimeUnit.SECONDS));
    }

    assertThat(answers.stream().map(a -> a.getStatusCode().value()).collect(Collectors.toSet()))
        .as(answers.toString())
        .isEqualTo(Set.of(201, 200));
    assertThat(
            answers.stream()
                .map(a -> a.getBody().get("requestNumber").asText())
                .collect(Collectors.toSet()))
        .hasSize(1);
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(before + 1);
  }

  @Test
  void shouldWaitUntilTheWindowOpensThenGoOnlyForTheReviewedArtifact() {
    String number = api.filed(dana, request());
    String instance = instance(number);
    String ask = "environment=production&version=2.4.1&digest=" + DIGEST + "&run=" + RUN;

    ResponseEntity<JsonNode> submitted = api.gate(cibot, number, ask);
    assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(submitted.getHeaders().getFirst("Retry-After")).isEqualTo("30");
    runJobs(instance, false);
    assertWait(api.gate(cibot, number, ask), "IN_REVIEW");

    assertStop(
        api.gate(cibot, number, "environment=staging&version=2.4.1&digest=" + DIGEST),
        "ENVIRONMENT_MISMATCH");
    assertStop(
        api.gate(cibot, number, "environment=production&version=2.4.2&digest=" + DIGEST),
        "VERSION_MISMATCH");
    assertStop(api.gate(cibot, number, "environment=production&version=2.4.1"), "DIGEST_MISMATCH");
    assertStop(
        api.gate(
            cibot, number, "environment=production&version=2.4.1&digest=sha256:" + "0".repeat(64)),
        "DIGEST_MISMATCH");
    assertThat(api.gate(cibot, number, "environment=production").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(api.gate(cibot, number, ask + "&wait=-PT1S").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(api.gate(cibot, number, ask + "&wait=soon").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);

    complete(instance, REVIEW_REQUEST, "sofia", TestRequests.review("approve", "Looks good"));
    runJobs(instance, false);
    assertWait(api.gate(cibot, number, ask), "NOT_SCHEDULED");

    Instant opens = clock.instant().plus(Duration.ofHours(2));
    complete(
        instance, SCHEDULE_DEPLOYMENT, "sofia", schedule(opens, opens.plus(Duration.ofHours(1))));
    runJobs(instance, false);
    ResponseEntity<JsonNode> scheduled = api.gate(cibot, number, ask);
    assertWait(scheduled, "WINDOW_NOT_OPEN");
    assertThat(Instant.parse(scheduled.getBody().get("opensAt").asText()))
        .isEqualTo(WindowTime.stored(opens));
    assertThat(Long.parseLong(scheduled.getHeaders().getFirst("Retry-After"))).isBetween(1L, 300L);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from gate_go where request_number = ?", Long.class, number))
        .isZero();
  }

  @Test
  void shouldTurnAWaitingCallIntoGoWhenTheWindowTimerFires() throws Exception {
    String number = api.filed(dana, request());
    String instance = approve(number);
    Instant opens = clock.instant();
    complete(
        instance, SCHEDULE_DEPLOYMENT, "sofia", schedule(opens, opens.plus(Duration.ofHours(1))));
    runJobs(instance, true);
    String ask = "environment=production&version=2.4.1&digest=" + DIGEST + "&run=" + RUN;
    assertWait(api.gate(cibot, number, ask), "WINDOW_NOT_OPEN");

    CompletableFuture<ResponseEntity<JsonNode>> waiting =
        CompletableFuture.supplyAsync(() -> api.gate(cibot, number, ask + "&wait=PT60S"));
    Thread.sleep(1_500);
    assertThat(waiting).isNotDone();
    assertThat(meters.get("deployment.gate.waiting").gauge().value()).isEqualTo(1.0);
    long fired = System.nanoTime();
    runJobs(instance, false); // the window's timer, then "Mark change in progress"
    ResponseEntity<JsonNode> answer = waiting.get(30, TimeUnit.SECONDS);
    Duration afterTimer = Duration.ofNanos(System.nanoTime() - fired);

    assertThat(answer.getStatusCode()).as(answer.getBody().toString()).isEqualTo(HttpStatus.OK);
    assertThat(meters.get("deployment.gate.waiting").gauge().value()).isZero();
    assertThat(meters.get("deployment.gate.answers").tag("decision", "GO").counter().count())
        .isPositive();
    assertThat(answer.getBody().get("decision").asText()).isEqualTo("GO");
    assertThat(answer.getBody().get("state").asText()).isEqualTo("WINDOW_OPEN");
    assertThat(afterTimer).isLessThan(Duration.ofSeconds(10));
    Map<String, Object> go =
        jdbc.queryForMap("select * from gate_go where request_number = ?", number);
    assertThat(go.get("USER_ID")).isEqualTo("cibot");
    assertThat(go.get("RUN_URL")).isEqualTo(RUN);
    assertThat(go.get("TOKEN_NAME")).isEqualTo("ci");
    assertThat(go.get("DIGEST")).isEqualTo(DIGEST);
    // asked again for the same run: GO, recorded once
    assertThat(api.gate(cibot, number, ask).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from gate_go where request_number = ?", Long.class, number))
        .isEqualTo(1L);
    assertThat(ticketNotes(number))
        .anyMatch(note -> note.startsWith("Gate GO for production 2.4.1"));
  }

  @Test
  void shouldHoldAnOpenWindowDuringAFreezeDeclaredAfterApproval() {
    // given: a request of its own project, approved and in its open window
    String project = "Frozen-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> request = request();
    request.put(Var.PROJECT_NAME, project);
    String number = api.filed(dana, request);
    openWindow(number);
    String ask = "environment=production&version=2.4.1&digest=" + DIGEST;
    assertThat(api.gate(cibot, number, ask).getStatusCode()).isEqualTo(HttpStatus.OK);

    // when DevSecOps declare a BLOCK freeze from now for half an hour
    Instant now = clock.instant();
    Map<String, Object> freeze = new HashMap<>();
    freeze.put("name", "Incident freeze " + project);
    freeze.put("environments", List.of("production"));
    freeze.put("projects", List.of(project));
    freeze.put("mode", "BLOCK");
    freeze.put("start", now.minus(Duration.ofMinutes(5)).toString());
    freeze.put("end", now.plus(Duration.ofMinutes(30)).toString());
    TestRestTemplate sofia = http.withBasicAuth("sofia", properties.demo().password());
    ResponseEntity<JsonNode> declared = sofia.postForEntity("/api/freezes", freeze, JsonNode.class);
    assertThat(declared.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    long id = declared.getBody().get("freeze").get("id").asLong();

    // then the gate waits for it to end, naming it
    ResponseEntity<JsonNode> held = api.gate(cibot, number, ask);
    assertWait(held, "FROZEN");
    assertThat(held.getBody().get("message").asText()).contains("Incident freeze " + project);
    assertThat(Instant.parse(held.getBody().get("opensAt").asText()))
        .isEqualTo(Instant.parse(freeze.get("end").toString()));

    // when the freeze is made to outlast the window, the gate stops
    freeze.put("end", now.plus(Duration.ofHours(3)).toString());
    assertThat(
            sofia
                .exchange(
                    "/api/freezes/{id}",
                    HttpMethod.PUT,
                    new HttpEntity<>(freeze),
                    JsonNode.class,
                    id)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertStop(api.gate(cibot, number, ask), "FROZEN");

    // and once it is lifted, GO again
    sofia.delete("/api/freezes/{id}", id);
    assertThat(api.gate(cibot, number, ask).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldTakeTheReportedDeploymentIntoTheProcessAndItsRecord() {
    String number = api.filed(dana, request());
    String instance = openWindow(number);
    String ask = "environment=production&version=2.4.1&digest=" + DIGEST + "&run=" + RUN;
    assertThat(api.gate(cibot, number, ask).getStatusCode()).isEqualTo(HttpStatus.OK);

    ResponseEntity<JsonNode> byRequester = api.report(dana, number, "DEPLOYMENT_STARTED", RUN);
    assertThat(byRequester.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(byRequester.getBody().get("detail").asText()).contains("Separation of duties");
    assertThat(api.report(api.token("quinn"), number, "DEPLOYMENT_STARTED", RUN).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.report(cibot, number, "DEPLOYMENT_EXPLODED", RUN).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(
            api.report(cibot, number, "DEPLOYMENT_STARTED", "javascript:alert(1)").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(runtimeService.getVariable(instance, Data.DEPLOYMENT_STARTED.name())).isNull();

    ResponseEntity<JsonNode> started = api.report(cibot, number, "DEPLOYMENT_STARTED", RUN);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(started.getBody().get("state").asText()).isEqualTo("DEPLOYING");
    assertThat((String) runtimeService.getVariable(instance, Data.DEPLOYMENT_STARTED.name()))
        .contains("cibot")
        .contains(RUN);
    runJobs(instance, false); // "Record deployment start"
    assertThat(ticketNotes(number))
        .anyMatch(note -> note != null && note.contains("cibot (run " + RUN));
    assertThat(api.gate(cibot, number, ask).getStatusCode()).isEqualTo(HttpStatus.OK);

    ResponseEntity<JsonNode> succeeded = api.report(cibot, number, "DEPLOYMENT_SUCCEEDED", RUN);
    assertThat(succeeded.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(succeeded.getBody().get("state").asText()).isEqualTo("VERIFYING");
    assertStop(api.gate(cibot, number, ask), "FINISHED");
    assertThat(api.report(cibot, number, "DEPLOYMENT_FAILED", RUN).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    // the pipeline lost the answer and reports again: taken in once
    ResponseEntity<JsonNode> retried = api.report(cibot, number, "DEPLOYMENT_SUCCEEDED", RUN);
    assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(retried.getBody().get("state").asText()).isEqualTo("VERIFYING");

    runJobs(instance, false);
    complete(instance, VERIFY_HEALTH, "sam", verification());
    runJobs(instance, false);
    complete(instance, DOCUMENT_DEPLOYMENT, "sofia", TestRequests.documentation());
    runJobs(instance, false);

    JsonNode deployed = api.status(dana, number).getBody();
    assertThat(deployed.get("state").asText()).isEqualTo("DEPLOYED");
    assertThat(deployed.get("links").get("record").asText()).isEqualTo("/api/records/" + number);
    assertThat(deployed.get("timeline").toString())
        .contains("\"activityId\":\"" + DEPLOYMENT_SUCCEEDED + "\"")
        .contains("\"by\":\"cibot\"");
    JsonNode record =
        http.withBasicAuth("sofia", properties.demo().password())
            .getForEntity("/api/records/" + number + "/json", JsonNode.class)
            .getBody();
    assertThat(record.get("outcome").asText()).isEqualTo("DEPLOYED");
    JsonNode pipeline = record.get("pipeline");
    assertThat(pipeline.get("pipelineRunUrl").asText()).isEqualTo(RUN);
    assertThat(pipeline.get("artifactDigest").asText()).isEqualTo(DIGEST);
    assertThat(pipeline.get("deploymentReportedBy").asText()).isEqualTo("cibot");
    assertThat(pipeline.get("gateGos").get(0).get("user").asText()).isEqualTo("cibot");
    assertThat(record.get("execution").get("outcome").asText()).isEqualTo("success");
    assertThat(record.get("execution").get("executedBy").asText()).isEqualTo("cibot");
  }

  @Test
  void shouldTakeTheRollBackPathWhenThePipelineReportsAFailure() {
    String number = api.filed(dana, request());
    String instance = openWindow(number);
    assertThat(api.report(cibot, "DR-1999-0001", "DEPLOYMENT_FAILED", RUN).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    ResponseEntity<JsonNode> failed =
        api.report(api.token("sam"), number, "DEPLOYMENT_FAILED", RUN);

    assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(failed.getBody().get("state").asText()).isEqualTo("ROLLING_BACK");
    assertThat(runtimeService.getVariable(instance, Var.EXECUTION_OUTCOME))
        .isEqualTo("criticalIssue");
    // the environment's rollback webhook first: production has none here, so a person rolls back
    runJobs(instance, false);
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceId(instance)
                .taskDefinitionKey(ROLL_BACK_DEPLOYMENT)
                .count())
        .isOne();
    assertThat(runtimeService.getVariable(instance, Var.ROLLBACK_REASON))
        .asString()
        .startsWith("The pipeline reported that the deployment failed");
    assertStop(
        api.gate(cibot, number, "environment=production&version=2.4.1&digest=" + DIGEST),
        "FINISHED");
  }

  @Test
  void shouldNotLetARequesterInDevSecOpsReportTheirOwnDeployment() {
    String tess = TestUsers.newDeveloper(identityService, "tessp", properties.demo().password());
    identityService.createMembership(tess, Groups.DEVSECOPS);
    String token = api.token(tess);
    String number = api.filed(token, request());
    openWindow(number);

    ResponseEntity<JsonNode> own = api.report(token, number, "DEPLOYMENT_SUCCEEDED", RUN);

    assertThat(own.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(own.getBody().get("detail").asText()).contains("Separation of duties");
    assertThat(api.status(token, number).getBody().get("state").asText()).isEqualTo("WINDOW_OPEN");
  }

  @Test
  void shouldKeepTheMessagesBehindTheEventsEndpoint() {
    String number = api.filed(dana, request());
    String instance = openWindow(number);
    Map<String, Object> correlation =
        Map.of(
            "messageName",
            DeploymentRequestProcess.Message.DEPLOYMENT_SUCCEEDED,
            "processInstanceId",
            instance,
            "processVariables",
            Map.of(Var.EXECUTION_OUTCOME, Map.of("value", "success")));

    for (String user : List.of("dana", "sofia", "cibot")) {
      ResponseEntity<JsonNode> sideDoor =
          http.exchange(
              "/engine-rest/message",
              HttpMethod.POST,
              new HttpEntity<>(correlation, PipelineApi.headers(api.token(user))),
              JsonNode.class);
      assertThat(sideDoor.getStatusCode().is4xxClientError()).as(user).isTrue();
    }

    assertThat(api.status(dana, number).getBody().get("state").asText()).isEqualTo("WINDOW_OPEN");
    assertThat(runtimeService.getVariable(instance, Var.EXECUTION_OUTCOME)).isNull();
  }

  @Test
  void shouldRefuseReportsWhileTheWindowIsNotOpen() {
    String number = api.filed(dana, request());
    String instance = instance(number);
    runJobs(instance, false);

    ResponseEntity<JsonNode> early = api.report(cibot, number, "DEPLOYMENT_SUCCEEDED", RUN);

    assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(early.getBody().get("detail").asText()).contains("IN_REVIEW");
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceId(instance)
                .taskDefinitionKey(REVIEW_REQUEST)
                .count())
        .isOne();
  }

  @Test
  void shouldStopARejectedRequest() {
    String number = api.filed(dana, request());
    String instance = instance(number);
    runJobs(instance, false);
    complete(instance, REVIEW_REQUEST, "sofia", TestRequests.review("reject", "Not this quarter"));
    runJobs(instance, false);

    assertStop(
        api.gate(cibot, number, "environment=production&version=2.4.1&digest=" + DIGEST),
        "REJECTED");
    assertThat(api.status(dana, number).getBody().get("state").asText()).isEqualTo("REJECTED");
  }

  @Test
  void shouldReportTheOutcomeWhenTheConfirmationBranchEndsLast() {
    // given a request rejected while its confirmation's job still waits (say its SMTP server
    // refused it, and the job's retry is due later)
    String number = api.filed(dana, request());
    String instance = instance(number);
    runJobsBut(instance, SEND_CONFIRMATION_EMAIL);
    complete(instance, REVIEW_REQUEST, "sofia", TestRequests.review("reject", "Not this quarter"));
    runJobsBut(instance, SEND_CONFIRMATION_EMAIL);
    assertThat(
            historyService
                .createHistoricActivityInstanceQuery()
                .processInstanceId(instance)
                .activityId(END_REJECTED)
                .finished()
                .count())
        .isOne();

    // then it is rejected, while the confirmation waits
    assertThat(api.status(dana, number).getBody().get("state").asText()).isEqualTo("REJECTED");

    // and once the retried confirmation ends the instance at "Confirmation sent"
    runJobs(instance, false);
    HistoricProcessInstance ended =
        historyService
            .createHistoricProcessInstanceQuery()
            .processInstanceId(instance)
            .singleResult();
    assertThat(ended.getEndTime()).isNotNull();
    assertThat(ended.getEndActivityId()).isEqualTo(END_CONFIRMATION_SENT);
    assertThat(api.status(dana, number).getBody().get("state").asText()).isEqualTo("REJECTED");
    assertStop(
        api.gate(cibot, number, "environment=production&version=2.4.1&digest=" + DIGEST),
        "REJECTED");
  }

  // --- driving the process as the people would

  private String approve(String number) {
    String instance = instance(number);
    runJobs(instance, false);
    complete(instance, REVIEW_REQUEST, "sofia", TestRequests.review("approve", "Looks good"));
    runJobs(instance, false);
    return instance;
  }

  /**
   * Approved, scheduled from now for an hour, the window's timer fired: at "Execute deployment".
   */
  private String openWindow(String number) {
    String instance = approve(number);
    Instant opens = clock.instant();
    complete(
        instance, SCHEDULE_DEPLOYMENT, "sofia", schedule(opens, opens.plus(Duration.ofHours(1))));
    runJobs(instance, false);
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceId(instance)
                .taskDefinitionKey(EXECUTE_DEPLOYMENT)
                .count())
        .isOne();
    return instance;
  }

  private static Map<String, Object> schedule(Instant start, Instant end) {
    Map<String, Object> schedule = new HashMap<>(TestRequests.scheduleNow());
    schedule.put(Var.CONFIRMED_WINDOW_START, WindowTime.store(start));
    schedule.put(Var.CONFIRMED_WINDOW_END, WindowTime.store(end));
    return schedule;
  }

  private static Map<String, Object> verification() {
    return Map.of(
        Var.HEALTH_CHECKS_PASSED, true,
        Var.DASHBOARDS_REVIEWED, true,
        Var.HEALTH_CHECK_NOTES, "All green");
  }

  private String instance(String number) {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(DeploymentRequestProcess.KEY)
        .processInstanceBusinessKey(number)
        .singleResult()
        .getId();
  }

  private void complete(String instance, String taskKey, String user, Map<String, Object> form) {
    Task task =
        taskService
            .createTaskQuery()
            .processInstanceId(instance)
            .taskDefinitionKey(taskKey)
            .singleResult();
    assertThat(task).as(taskKey).isNotNull();
    identityService.setAuthentication(
        user,
        identityService.createGroupQuery().groupMember(user).list().stream()
            .map(Group::getId)
            .toList());
    try {
      if (task.getAssignee() == null) {
        taskService.claim(task.getId(), user);
      }
      formService.submitTaskForm(task.getId(), form);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /**
   * Runs the due jobs as the job executor would; {@code leaveWindowTimer} leaves the window's
   * timer.
   */
  private void runJobs(String instance, boolean leaveWindowTimer) {
    runJobsBut(instance, leaveWindowTimer ? TIMER_WINDOW_OPENS : null);
  }

  /** Runs the due jobs as the job executor would, but those of the element {@code left}. */
  private void runJobsBut(String instance, String left) {
    for (int round = 0; round < 50; round++) {
      List<Job> due =
          managementService
              .createJobQuery()
              .processInstanceId(instance)
              .executable()
              .list()
              .stream()
              .filter(job -> left == null || !left.equals(activity(job)))
              .toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
    throw new IllegalStateException("Jobs keep coming");
  }

  private String activity(Job job) {
    return managementService
        .createJobDefinitionQuery()
        .jobDefinitionId(job.getJobDefinitionId())
        .singleResult()
        .getActivityId();
  }

  private List<String> ticketNotes(String number) {
    return jdbc.queryForList(
        "select e.note from change_ticket_event e join change_ticket t on t.ticket_number = e.ticket_number"
            + " where t.request_number = ? order by e.id",
        String.class,
        number);
  }

  private static void assertWait(ResponseEntity<JsonNode> answer, String reason) {
    assertThat(answer.getStatusCode())
        .as(String.valueOf(answer.getBody()))
        .isEqualTo(HttpStatus.ACCEPTED);
    assertThat(answer.getBody().get("decision").asText()).isEqualTo("WAIT");
    assertThat(answer.getBody().get("reason").asText()).isEqualTo(reason);
    assertThat(answer.getHeaders().getFirst("Retry-After")).isNotBlank();
  }

  private static void assertStop(ResponseEntity<JsonNode> answer, String reason) {
    assertThat(answer.getStatusCode())
        .as(String.valueOf(answer.getBody()))
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(answer.getBody().get("decision").asText()).isEqualTo("STOP");
    assertThat(answer.getBody().get("reason").asText()).isEqualTo(reason);
  }
}
