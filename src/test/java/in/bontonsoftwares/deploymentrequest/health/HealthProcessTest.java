package in.bontonsoftwares.deploymentrequest.health;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import in.bontonsoftwares.deploymentrequest.archive.RecordArchive;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ExecutionHealthChecksProcess;
import in.bontonsoftwares.deploymentrequest.process.ProcessTestSupport;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicket;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicketService;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.JobQuery;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The health checks as the process runs them, against a real local HTTP server: a health endpoint
 * that turns unhealthy in the watch window (rolled back through the webhook without anyone
 * clicking, the webhook called once, every probe in the record), one that fails during execution
 * (the deployment fails at once; without a webhook a critical-issue mail and "Roll back
 * deployment"), one that answers too slowly (inconclusive: a DevSecOps decision, no rollback), and
 * a healthy one that verifies on its own where the environment allows it. The jobs run as the job
 * executor would run them (every due one, until the process waits for a person); intervals are 50
 * ms, so a watch window of six intervals takes a fraction of a second.
 */
class HealthProcessTest extends ProcessTestSupport {

  static final String SECRET = "health-process-secret-0123456789";

  /** Per health path: how many calls answer 200 before it answers 503 (-1: always 200). */
  static final Map<String, Integer> HEALTHY_CALLS = new ConcurrentHashMap<>();

  /** Per health path: how many calls answer at once before each takes 3 s (past the timeout). */
  static final Map<String, Integer> QUICK_CALLS = new ConcurrentHashMap<>();

  /** Per health path: the calls wait for it to open (and say so by counting it down first). */
  static final Map<String, CountDownLatch[]> HELD = new ConcurrentHashMap<>();

  static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
  static final List<String> WEBHOOK_CALLS = new CopyOnWriteArrayList<>();

  static final LocalServer SERVER =
      new LocalServer()
          .handle(
              "/health/",
              exchange -> {
                String path = exchange.getRequestURI().getPath();
                int call = CALLS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                CountDownLatch[] held = HELD.get(path);
                if (held != null) {
                  held[0].countDown();
                  try {
                    held[1].await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
                if (call > QUICK_CALLS.getOrDefault(path, Integer.MAX_VALUE)) {
                  try {
                    Thread.sleep(3000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
                int healthy = HEALTHY_CALLS.getOrDefault(path, -1);
                boolean up = healthy < 0 || call <= healthy;
                LocalServer.answer(
                    exchange,
                    up ? 200 : 503,
                    "application/json",
                    up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
              })
          .handle("/rollback", HealthProcessTest::rollback);

  @DynamicPropertySource
  static void checks(DynamicPropertyRegistry registry) {
    String health = "deployment-request.health.";
    registry.add(health + "request-check.interval", () -> "PT0.05S");
    registry.add(health + "request-check.count", () -> "3");
    registry.add(health + "request-check.failure-limit", () -> "1");
    registry.add(health + "request-check.inconclusive-limit", () -> "0");
    // loose enough for a cold HTTP client on a loaded machine
    registry.add(health + "request-check.timeout", () -> "PT2S");
    // development: a watch window of six intervals, verification on the checks alone, a webhook
    String development = health + "environments.development.";
    registry.add(development + "request-check", () -> "true");
    registry.add(development + "watch-window", () -> "PT0.3S");
    registry.add(development + "auto-verify", () -> "true");
    registry.add(development + "rollback-webhook.url", () -> SERVER.url("/rollback"));
    registry.add(development + "rollback-webhook.secret", () -> SECRET);
    registry.add(health + "webhook.first-backoff", () -> "PT0.05S");
    // testing: the same checks, a person verifies, no webhook
    String testing = health + "environments.testing.";
    registry.add(testing + "request-check", () -> "true");
    registry.add(testing + "watch-window", () -> "PT0.3S");
    registry.add(testing + "auto-verify", () -> "false");
  }

  @Autowired ChangeTicketService tickets;
  @Autowired RecordArchive archive;
  @Autowired HealthChecks checks;
  @Autowired ObjectMapper json;

  String tag;

  @BeforeEach
  void setUp() {
    tag = UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterAll
  static void stopServer() {
    SERVER.close();
  }

  static void rollback(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String signature = exchange.getRequestHeaders().getFirst("X-Hub-Signature-256");
    if (signature == null || !signature.equals(RollbackWebhook.signature(SECRET, body))) {
      LocalServer.answer(exchange, 401, "text/plain", "bad signature");
      return;
    }
    WEBHOOK_CALLS.add(new String(body, StandardCharsets.UTF_8));
    LocalServer.answer(exchange, 202, "application/json", "{\"rollback\":\"started\"}");
  }

  @Test
  void shouldRollBackWithoutAnyoneClickingWhenTheServiceTurnsUnhealthyInTheWatchWindow()
      throws Exception {
    // given a deployment whose service answers healthy three times (execution), then twice more
    String path = "/health/" + tag;
    HEALTHY_CALLS.put(path, 5);
    ProcessInstance request = deploying("development", SERVER.url(path));
    untilDone(request, () -> checks.state(request.getBusinessKey(), Phase.EXECUTION).finished());
    assertThat(checks.state(request.getBusinessKey(), Phase.EXECUTION))
        .isEqualTo(AnalysisState.SUCCESSFUL);

    // when the pipeline reports success and the service fails in the watch window
    complete(request, EXECUTE_DEPLOYMENT, "sam", Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS));
    untilDone(request, () -> task(request, DOCUMENT_DEPLOYMENT) != null);

    // then it is rolled back through the webhook, called once, and nobody rolled back by hand
    assertThat(request)
        .hasPassed(CALL_ROLLBACK_WEBHOOK, MARK_CHANGE_ROLLED_BACK, SEND_ROLLBACK_EMAIL)
        .hasNotPassed(ROLL_BACK_DEPLOYMENT, SEND_CRITICAL_ISSUE_EMAIL, VERIFY_HEALTH)
        .isWaitingAt(DOCUMENT_DEPLOYMENT);
    assertThat(WEBHOOK_CALLS)
        .filteredOn(call -> call.contains(request.getBusinessKey()))
        .hasSize(1);
    JsonNode call =
        json.readTree(
            WEBHOOK_CALLS.stream()
                .filter(c -> c.contains(request.getBusinessKey()))
                .findFirst()
                .orElseThrow());
    assertThat(call.path("reason").asText())
        .startsWith("Health checks failed in the watch window:")
        .contains("health-check-url", "503");
    assertThat(tickets.findByRequestNumber(request.getBusinessKey()).orElseThrow().status())
        .isEqualTo(ChangeTicket.Status.ROLLED_BACK);
    assertThat(variable(request, ROLLED_BACK_AUTOMATICALLY)).isEqualTo(true);
    assertThat(variable(request, ROLLBACK_NOTES).toString())
        .startsWith("Rolled back automatically. Health checks failed in the watch window")
        .contains("answered 202");
    // the stakeholders and the on-call contact read why, with every probe
    MimeMessage rolledBack = mail("Deployment Rolled Back");
    assertThat(addresses(rolledBack))
        .contains("olivia@example.com", "product@example.com", "support@example.com");
    assertThat(text(rolledBack))
        .contains("rolled back automatically, by its rollback webhook", "Watch window: FAILED");

    // and once documented, the record holds every probe of both phases
    complete(request, DOCUMENT_DEPLOYMENT, "sofia", TestRequests.documentation());
    runDueJobs(request);
    assertThat(request).isEnded().hasPassed(END_ROLLED_BACK);
    JsonNode record =
        json.readTree(
            Files.readString(
                java.nio.file.Path.of(
                    archive.find(request.getBusinessKey()).orElseThrow().jsonPath())));
    JsonNode healthChecks = record.path("healthChecks");
    assertThat(healthChecks.path("execution").path("state").asText()).isEqualTo("SUCCESSFUL");
    assertThat(healthChecks.path("watch").path("state").asText()).isEqualTo("FAILED");
    assertThat(healthChecks.path("execution").path("probes")).hasSize(3);
    assertThat(healthChecks.path("watch").path("probes").size())
        .isEqualTo(
            (int)
                checks.results(request.getBusinessKey()).stream()
                    .filter(r -> r.phase() == Phase.WATCH)
                    .count())
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void shouldFailTheDeploymentAtOnceAndAskForAManualRollbackWhenChecksFailDuringExecution()
      throws Exception {
    // given a deployment in an environment without a rollback webhook whose service fails at once
    String path = "/health/" + tag;
    HEALTHY_CALLS.put(path, 0);
    ProcessInstance request = deploying("testing", SERVER.url(path));

    // when the checks during execution fail more often than their limit
    untilDone(request, () -> task(request, ROLL_BACK_DEPLOYMENT) != null);

    // then the execution task was interrupted, the critical issue mailed, and a person rolls back
    assertThat(request)
        .hasPassed(DEPLOYMENT_FAILED, CALL_ROLLBACK_WEBHOOK, SEND_CRITICAL_ISSUE_EMAIL)
        .isNotWaitingAt(EXECUTE_DEPLOYMENT)
        .isWaitingAt(ROLL_BACK_DEPLOYMENT);
    assertThat(variable(request, EXECUTION_OUTCOME)).isEqualTo(Value.OUTCOME_CRITICAL_ISSUE);
    assertThat(variable(request, ROLLBACK_REASON).toString())
        .startsWith("Health checks failed during execution: health-check-url #1 503");
    assertThat(variable(request, HEALTH_CHECK_RESULTS).toString())
        .contains("During execution: FAILED", "health-check-url #2  503");
    MimeMessage critical = mail("Critical Issue: Roll Back Now");
    assertThat(addresses(critical)).contains("olivia@example.com", "sam@example.com");
    assertThat(text(critical))
        .contains(
            "Testing has no rollback webhook: roll back by hand.",
            "claim \"Roll back deployment\"",
            "During execution: FAILED");
    assertThat(CALLS.get(path).get()).isEqualTo(2);
  }

  @Test
  void shouldLeaveTheDecisionToDevSecOpsWhenTheWatchWindowIsInconclusive() throws Exception {
    // given a deployment whose service answers in time during execution, then too slowly
    String path = "/health/" + tag;
    QUICK_CALLS.put(path, 3);
    ProcessInstance request = deploying("testing", SERVER.url(path));
    untilDone(request, () -> checks.state(request.getBusinessKey(), Phase.EXECUTION).finished());
    complete(request, EXECUTE_DEPLOYMENT, "sam", Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS));

    // when the watch window cannot tell: its probe times out
    untilDone(request, () -> task(request, DECIDE_ON_HEALTH) != null);

    // then DevSecOps decide, with every probe in front of them, and nothing is rolled back
    assertThat(request).isWaitingAt(DECIDE_ON_HEALTH).hasNotPassed(CALL_ROLLBACK_WEBHOOK);
    assertThat(variable(request, HEALTH_CHECK_RESULTS).toString())
        .contains(
            "During execution: SUCCESSFUL", "Watch window: INCONCLUSIVE", "no answer within 2 s");
    assertThat(WEBHOOK_CALLS).noneMatch(call -> call.contains(request.getBusinessKey()));

    // and a promotion without a reason is refused; with one, a person verifies
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    complete(
                        request,
                        DECIDE_ON_HEALTH,
                        "sofia",
                        Map.of(HEALTH_DECISION, Value.HEALTH_PROMOTE))))
        .hasMessageContaining("Reason is required");
    complete(
        request,
        DECIDE_ON_HEALTH,
        "sofia",
        Map.of(
            HEALTH_DECISION,
            Value.HEALTH_PROMOTE,
            HEALTH_DECISION_NOTES,
            "Dashboards green; the probe timed out at the load balancer"));
    runDueJobs(request);
    assertThat(request).isWaitingAt(VERIFY_HEALTH).hasNotPassed(RECORD_AUTOMATIC_VERIFICATION);
  }

  /**
   * The collision this design removes: a round beside the open task used to change the request's
   * process, so a person completing "Execute deployment" while it measured was refused ("someone
   * else changed this task"). The rounds are a process of their own now; the round in flight
   * finishes without changing the request, and the next one sees the task ended.
   */
  @Test
  void shouldLetAPersonCompleteTheDeploymentWhileARoundIsMeasuring() throws Exception {
    // given a deployment whose health endpoint holds the first probe's call
    String path = "/health/" + tag;
    CountDownLatch called = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    HELD.put(path, new CountDownLatch[] {called, answer});
    ProcessInstance request = deploying("development", SERVER.url(path));
    List<Job> round = jobs(request, JobQuery::messages, true);
    assertThat(round).as("the first round, due once sam claimed the task").hasSize(1);
    CompletableFuture<Void> measuring =
        CompletableFuture.runAsync(() -> managementService.executeJob(round.get(0).getId()));
    assertThat(called.await(10, TimeUnit.SECONDS)).as("the round is measuring").isTrue();

    // when sam completes the task in the middle of that round
    complete(request, EXECUTE_DEPLOYMENT, "sam", Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS));
    answer.countDown();

    // then both stand: the round committed its probe, and the request went on to its watch
    measuring.get(10, TimeUnit.SECONDS);
    assertThat(checks.results(request.getBusinessKey()))
        .filteredOn(result -> result.phase() == Phase.EXECUTION)
        .hasSize(1);
    assertThat(request).hasPassed(EXECUTE_DEPLOYMENT).isWaitingAt(CHECK_HEALTH_IN_WATCH_WINDOW);
    // and the next round ends the rounds: the task they belong to is done
    HELD.remove(path);
    String rounds =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(
                ExecutionHealthChecksProcess.businessKey(request.getBusinessKey()))
            .singleResult()
            .getId();
    for (int job = 0; job < 4 && !ended(rounds); job++) {
      managementService
          .createJobQuery()
          .processInstanceId(rounds)
          .list()
          .forEach(due -> managementService.executeJob(due.getId()));
    }
    assertThat(ended(rounds)).as("the rounds are over").isTrue();
    assertThat(CALLS.get(path)).hasValue(1);
  }

  private boolean ended(String processInstanceId) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count()
        == 0;
  }

  @Test
  void shouldVerifyOnTheChecksAloneWhereTheEnvironmentAllowsItAndEveryCheckPassed()
      throws Exception {
    ProcessInstance request = deploying("development", SERVER.url("/health/" + tag));
    untilDone(request, () -> checks.state(request.getBusinessKey(), Phase.EXECUTION).finished());
    complete(request, EXECUTE_DEPLOYMENT, "sam", Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS));
    untilDone(request, () -> task(request, DOCUMENT_DEPLOYMENT) != null);

    assertThat(request)
        .hasPassed(RECORD_AUTOMATIC_VERIFICATION, CLOSE_CHANGE_TICKET, SEND_STATUS_EMAIL)
        .hasNotPassed(VERIFY_HEALTH, CALL_ROLLBACK_WEBHOOK)
        .isWaitingAt(DOCUMENT_DEPLOYMENT);
    assertThat(variable(request, HEALTH_CHECK_NOTES).toString())
        .startsWith("Verified automatically: every automated check passed");
    assertThat(variable(request, HEALTH_CHECK_RESULTS).toString())
        .contains("During execution: SUCCESSFUL", "Watch window: SUCCESSFUL");
  }

  /** A request for {@code environment}, approved, its window open, its execution claimed by sam. */
  private ProcessInstance deploying(String environment, String healthCheckUrl) {
    Map<String, Object> request = new HashMap<>(validRequest());
    request.put(ENVIRONMENT, environment);
    request.put(HEALTH_CHECK_URL, healthCheckUrl);
    ProcessInstance instance = atExecution(request);
    taskService.claim(task(instance, EXECUTE_DEPLOYMENT).getId(), "sam");
    return instance;
  }

  /**
   * Runs the request's due jobs as the job executor would, again and again as the checks' timers
   * come due, until {@code done}; at most 20 seconds.
   */
  private void untilDone(ProcessInstance request, BooleanSupplier done) throws Exception {
    Instant until = Instant.now().plus(Duration.ofSeconds(20));
    while (!done.getAsBoolean()) {
      assertThat(Instant.now()).as("done within 20 s").isBefore(until);
      List<Job> due = jobs(request, UnaryOperator.identity(), true);
      due.forEach(job -> managementService.executeJob(job.getId()));
      if (due.isEmpty()) {
        Thread.sleep(10);
      }
    }
  }

  private Object variable(ProcessInstance request, String name) {
    return historyService
        .createHistoricVariableInstanceQuery()
        .processInstanceId(request.getId())
        .variableName(name)
        .singleResult()
        .getValue();
  }

  private static List<String> addresses(MimeMessage mail) throws Exception {
    return Arrays.stream(mail.getRecipients(RecipientType.TO))
        .map(address -> ((InternetAddress) address).getAddress())
        .toList();
  }
}
