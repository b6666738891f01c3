package in.bontonsoftwares.deploymentrequest.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var;
import in.bontonsoftwares.deploymentrequest.process.EngineRequests;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The health checks of real requests against a real local HTTP server: a health endpoint that turns
 * unhealthy mid-run (FAILED once the failures exceed the limit, nothing measured after), one that
 * answers too slowly and one that refuses connections (INCONCLUSIVE), a healthy one through
 * execution and the watch window (verification may pass on its own), and JSON path conditions.
 * Intervals are 50 ms, so each analysis takes a fraction of a second; the timeout is 2 s, which a
 * healthy answer on a busy machine stays well within.
 */
@WebAppTest
class HealthChecksTest {

  /** Per test's path: what the n-th call (1, 2, ...) answers, as status and JSON body. */
  static final Map<String, IntFunction<String[]>> ANSWERS = new ConcurrentHashMap<>();

  static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
  static final CountDownLatch SLOW = new CountDownLatch(1);

  static final LocalServer SERVER =
      new LocalServer()
          .handle(
              "/health/",
              exchange -> {
                String path = exchange.getRequestURI().getPath();
                int call = CALLS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                String[] answer = ANSWERS.get(path).apply(call);
                LocalServer.answer(
                    exchange, Integer.parseInt(answer[0]), "application/json", answer[1]);
              })
          .handle(
              "/slow/",
              exchange -> {
                try {
                  SLOW.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                LocalServer.answer(exchange, 200, "application/json", "{}");
              });

  @DynamicPropertySource
  static void checks(DynamicPropertyRegistry registry) {
    String health = "deployment-request.health.";
    registry.add(health + "request-check.interval", () -> "PT0.05S");
    registry.add(health + "request-check.count", () -> "5");
    registry.add(health + "request-check.failure-limit", () -> "1");
    registry.add(health + "request-check.inconclusive-limit", () -> "0");
    registry.add(health + "request-check.timeout", () -> "PT2S");
    // development: the request's URL alone, a watch window of five intervals
    registry.add(health + "environments.development.watch-window", () -> "PT0.25S");
    registry.add(health + "environments.development.auto-verify", () -> "true");
    // testing: two JSON path checks of the service's status page, not the request's URL
    String testing = health + "environments.testing.";
    registry.add(testing + "request-check", () -> "false");
    registry.add(testing + "checks[0].name", () -> "database");
    registry.add(testing + "checks[0].url", () -> SERVER.url("/health/status"));
    registry.add(testing + "checks[0].json-path", () -> "$.checks.db");
    registry.add(testing + "checks[0].success-condition", () -> "result == 'UP'");
    registry.add(testing + "checks[1].name", () -> "latency");
    registry.add(testing + "checks[1].url", () -> SERVER.url("/health/status"));
    registry.add(testing + "checks[1].json-path", () -> "$.latencyMs");
    registry.add(testing + "checks[1].success-condition", () -> "result < 100");
    for (int i = 0; i < 2; i++) {
      registry.add(testing + "checks[" + i + "].interval", () -> "PT0.05S");
      registry.add(testing + "checks[" + i + "].count", () -> "3");
      registry.add(testing + "checks[" + i + "].failure-limit", () -> "0");
    }
  }

  @Autowired HealthChecks checks;
  @Autowired DeploymentRequestProperties properties;
  @Autowired ProcessEngine engine;
  @Autowired MeterRegistry meters;

  EngineRequests requests;
  String tag;

  @BeforeEach
  void setUp() {
    requests = new EngineRequests(properties, engine);
    tag = UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterAll
  static void stopServer() {
    SLOW.countDown();
    SERVER.close();
  }

  String request(String environment, String healthCheckUrl) {
    return requests.inReview(
        "dana", Map.of(Var.ENVIRONMENT, environment, Var.HEALTH_CHECK_URL, healthCheckUrl));
  }

  /** Probe rounds, each when the last said it is due, until the analysis is finished. */
  ProbeOutcome untilFinished(String number, Phase phase) {
    ProbeOutcome[] last = new ProbeOutcome[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> (last[0] = checks.probe(number, phase)).state().finished());
    return last[0];
  }

  double probes(String environment, String check, Verdict verdict) {
    Counter counter =
        meters
            .find("deployment.health.probes")
            .tags("environment", environment, "check", check, "verdict", verdict.name())
            .counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void shouldFailWhenTheHealthEndpointTurnsUnhealthyMidRun() {
    String path = "/health/" + tag;
    ANSWERS.put(
        path,
        call -> call <= 3 ? new String[] {"200", "{\"status\":\"UP\"}"} : new String[] {"503", ""});
    double failedBefore = probes("development", "health-check-url", Verdict.FAILED);
    String number = request("development", SERVER.url(path));

    ProbeOutcome outcome = untilFinished(number, Phase.EXECUTION);

    // three good answers, then the failure limit (1) exceeded by the second 503
    assertThat(outcome.state()).isEqualTo(AnalysisState.FAILED);
    assertThat(outcome.nextProbeAt()).isNull();
    List<ProbeResult> results = checks.results(number);
    assertThat(results)
        .extracting(ProbeResult::attempt, ProbeResult::value, ProbeResult::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "200", Verdict.SUCCESSFUL),
            org.assertj.core.groups.Tuple.tuple(2, "200", Verdict.SUCCESSFUL),
            org.assertj.core.groups.Tuple.tuple(3, "200", Verdict.SUCCESSFUL),
            org.assertj.core.groups.Tuple.tuple(4, "503", Verdict.FAILED),
            org.assertj.core.groups.Tuple.tuple(5, "503", Verdict.FAILED));
    assertThat(results)
        .allMatch(r -> r.phase() == Phase.EXECUTION && r.check().equals("health-check-url"));
    assertThat(results.get(4).message()).isEqualTo("status 503, expected 2xx");
    assertThat(probes("development", "health-check-url", Verdict.FAILED) - failedBefore)
        .isEqualTo(2);

    // a finished analysis measures nothing more
    ProbeOutcome again = checks.probe(number, Phase.EXECUTION);
    assertThat(again.state()).isEqualTo(AnalysisState.FAILED);
    assertThat(again.measured()).isEmpty();
    assertThat(CALLS.get(path)).hasValue(5);
    assertThat(checks.mayVerifyAutomatically(number)).isFalse();

    String summary = checks.summary(number);
    assertThat(summary.lines())
        .first()
        .isEqualTo("During execution: FAILED (" + properties.timeZone().getId() + ")");
    assertThat(summary.lines().skip(1))
        .hasSize(5)
        .allMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d \\S+  health-check-url #\\d  .*"));
    assertThat(summary)
        .contains("#1  200  ✓  status 200")
        .contains("#5  503  ✗  status 503, expected 2xx");
  }

  @Test
  void shouldBeInconclusiveWhenTheEndpointAnswersTooSlowly() {
    String number = request("development", SERVER.url("/slow/" + tag));

    ProbeOutcome outcome = checks.probe(number, Phase.EXECUTION);

    assertThat(outcome.state()).isEqualTo(AnalysisState.INCONCLUSIVE);
    assertThat(outcome.measured())
        .singleElement()
        .satisfies(
            result -> {
              assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
              assertThat(result.message()).isEqualTo("no answer within 2 s");
            });
    assertThat(checks.summary(number)).contains("health-check-url #1  -  ?  no answer within 2 s");
  }

  @Test
  void shouldBeInconclusiveWhenTheConnectionIsRefused() {
    String number =
        request("development", "http://127.0.0.1:" + LocalServer.closedPort() + "/health");

    ProbeOutcome outcome = checks.probe(number, Phase.EXECUTION);

    assertThat(outcome.state()).isEqualTo(AnalysisState.INCONCLUSIVE);
    assertThat(outcome.measured())
        .singleElement()
        .satisfies(result -> assertThat(result.message()).isEqualTo("connection refused"));
  }

  @Test
  void shouldSucceedThroughExecutionAndTheWatchWindowWhenHealthy() {
    String path = "/health/" + tag;
    ANSWERS.put(path, call -> new String[] {"204", ""});
    String number = request("development", SERVER.url(path));

    ProbeOutcome first = checks.probe(number, Phase.EXECUTION);
    assertThat(first.state()).isEqualTo(AnalysisState.RUNNING);
    assertThat(first.nextProbeAt())
        .isEqualTo(first.measured().get(0).probedAt().plus(Duration.ofMillis(50)));
    assertThat(untilFinished(number, Phase.EXECUTION).state()).isEqualTo(AnalysisState.SUCCESSFUL);
    // execution passed, but the watch window has not run yet
    assertThat(checks.mayVerifyAutomatically(number)).isFalse();
    assertThat(untilFinished(number, Phase.WATCH).state()).isEqualTo(AnalysisState.SUCCESSFUL);

    assertThat(checks.results(number))
        .extracting(ProbeResult::phase)
        .containsExactly(
            Phase.EXECUTION,
            Phase.EXECUTION,
            Phase.EXECUTION,
            Phase.EXECUTION,
            Phase.EXECUTION,
            Phase.WATCH,
            Phase.WATCH,
            Phase.WATCH,
            Phase.WATCH,
            Phase.WATCH);
    assertThat(checks.mayVerifyAutomatically(number)).isTrue();
    assertThat(checks.summary(number))
        .contains("During execution: SUCCESSFUL")
        .contains("\n\nWatch window: SUCCESSFUL");
    assertThat(
            meters
                .find("deployment.health.analyses")
                .tags("environment", "development", "phase", "WATCH", "state", "SUCCESSFUL")
                .counter())
        .isNotNull();
  }

  @Test
  void shouldJudgeTheValuesAtJsonPathsByTheirConditions() {
    AtomicInteger db = new AtomicInteger();
    ANSWERS.put(
        "/health/status",
        call ->
            new String[] {
              "200",
              "{\"checks\":{\"db\":\""
                  + (db.get() == 0 ? "UP" : "DOWN")
                  + "\"},\"latencyMs\":"
                  + (12 + call)
                  + "}"
            });
    String passing = request("testing", "https://ignored.example.com/health");
    assertThat(untilFinished(passing, Phase.EXECUTION).state()).isEqualTo(AnalysisState.SUCCESSFUL);
    assertThat(checks.results(passing))
        .extracting(ProbeResult::check)
        .containsOnly("database", "latency")
        .hasSize(6);
    assertThat(checks.results(passing))
        .filteredOn(r -> r.check().equals("database"))
        .extracting(ProbeResult::value)
        .containsOnly("'UP'");

    db.set(1);
    String failing = request("testing", "https://ignored.example.com/health");
    ProbeOutcome outcome = checks.probe(failing, Phase.EXECUTION);

    assertThat(outcome.state()).isEqualTo(AnalysisState.FAILED);
    assertThat(outcome.measured())
        .extracting(ProbeResult::check, ProbeResult::verdict, ProbeResult::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "database", Verdict.FAILED, "$['checks']['db'] = 'DOWN', not result == 'UP'"),
            org.assertj.core.groups.Tuple.tuple(
                "latency", Verdict.SUCCESSFUL, "$['latencyMs']: result < 100"));
  }
}
