package in.bontonsoftwares.deploymentrequest.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus checks against a real Prometheus (Debian's, as a process) scraping a local target
 * whose metrics the test sets: a condition met, a condition not met once the value changed, no
 * data, a query that returns several series or that Prometheus refuses, and Prometheus not
 * answering. Skips without {@code /usr/bin/prometheus}, fails then under {@code CI=true}.
 */
class PrometheusChecksTest {

  static final AtomicReference<String> ERROR_RATIO = new AtomicReference<>("0.004");

  @TempDir static Path directory;

  static LocalServer target;
  static PrometheusServer prometheus;

  /** Each test skips (or fails under CI=true) with the reason, so that the report names it. */
  @BeforeEach
  void needsPrometheus() {
    PrometheusServer.assumeInstalled();
  }

  @BeforeAll
  static void startPrometheus() {
    Path binary = PrometheusServer.binary();
    if (!Files.isExecutable(binary)) {
      return;
    }
    target =
        new LocalServer()
            .handle(
                "/metrics",
                exchange ->
                    LocalServer.answer(
                        exchange,
                        200,
                        "text/plain; version=0.0.4",
                        "# TYPE demo_error_ratio gauge\ndemo_error_ratio "
                            + ERROR_RATIO.get()
                            + "\n# TYPE demo_latency_seconds gauge\ndemo_latency_seconds 0.12\n"));
    prometheus = PrometheusServer.start(binary, directory, "127.0.0.1:" + target.port());
    CheckDefinition ready = check("demo_error_ratio", "result < 1");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .failFast(() -> !prometheus.log().isEmpty() && prometheus.log().contains("level=error"))
        .until(() -> ready.probe().measure().verdict() == Verdict.SUCCESSFUL);
  }

  @AfterAll
  static void stopPrometheus() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (target != null) {
      target.close();
    }
  }

  static CheckDefinition check(String query, String condition) {
    return check(prometheus.url(), query, condition);
  }

  static CheckDefinition check(String prometheusUrl, String query, String condition) {
    return Checks.only(
        Checks.production(prometheusUrl, List.of(Checks.prometheus("errors", query, condition))));
  }

  /** Argo's rules over {@code count} measurements of the check. */
  static AnalysisState analyse(CheckDefinition check) {
    List<ProbeResult> results = new ArrayList<>();
    AnalysisState state = AnalysisState.RUNNING;
    while (!state.finished()) {
      Measurement measurement = check.probe().measure();
      results.add(
          new ProbeResult(
              "DR-TEST",
              check.name(),
              Phase.EXECUTION,
              results.size() + 1,
              null,
              measurement.value(),
              measurement.verdict(),
              measurement.message()));
      state = Analysis.of(check, check.count(), results);
    }
    return state;
  }

  @Test
  void shouldSucceedWhenTheQueryMeetsTheCondition() {
    CheckDefinition check = check("demo_error_ratio", "result < 0.01");

    Measurement measurement = check.probe().measure();

    assertThat(measurement.verdict()).isEqualTo(Verdict.SUCCESSFUL);
    assertThat(measurement.value()).isEqualTo("0.004");
    assertThat(analyse(check)).isEqualTo(AnalysisState.SUCCESSFUL);
    // Argo's spelling for a vector's first value
    assertThat(check("demo_latency_seconds", "result[0] <= 0.5").probe().measure().verdict())
        .isEqualTo(Verdict.SUCCESSFUL);
    assertThat(
            check("scalar(round(demo_latency_seconds * 1000))", "result == 120")
                .probe()
                .measure()
                .verdict())
        .isEqualTo(Verdict.SUCCESSFUL);
  }

  @Test
  void shouldFailWhenTheValueNoLongerMeetsTheCondition() {
    CheckDefinition check = check("demo_error_ratio{job=\"target\"}", "result > 0.1");
    assertThat(check.probe().measure().verdict()).isEqualTo(Verdict.FAILED);

    CheckDefinition strict = check("demo_error_ratio", "result < 0.01");
    ERROR_RATIO.set("0.2");
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> strict.probe().measure().value().equals("0.2"));

      Measurement measurement = strict.probe().measure();
      assertThat(measurement.verdict()).isEqualTo(Verdict.FAILED);
      assertThat(measurement.message()).isEqualTo("0.2, not result < 0.01");
      assertThat(analyse(strict)).isEqualTo(AnalysisState.FAILED);
    } finally {
      // as the other tests expect it, once Prometheus has scraped it again
      ERROR_RATIO.set("0.004");
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> strict.probe().measure().value().equals("0.004"));
    }
  }

  @Test
  void shouldBeInconclusiveWithoutData() {
    Measurement measurement = check("demo_not_scraped_anywhere", "result < 0.01").probe().measure();

    assertThat(measurement.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(measurement.message()).isEqualTo("no data for the query");
    assertThat(analyse(check("demo_not_scraped_anywhere", "result < 0.01")))
        .isEqualTo(AnalysisState.INCONCLUSIVE);
  }

  @Test
  void shouldBeAnErrorWhenTheQueryIsWrong() {
    Measurement series = check("{__name__=~\"demo_.+\"}", "result < 1").probe().measure();
    assertThat(series.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(series.message()).startsWith("the query returned 2 series; it must return one");

    Measurement refused = check("sum(demo_error_ratio", "result < 1").probe().measure();
    assertThat(refused.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(refused.message()).startsWith("Prometheus refused the query (400): ");
  }

  @Test
  void shouldBeInconclusiveWhenPrometheusIsDown() {
    CheckDefinition check =
        check("http://127.0.0.1:" + LocalServer.closedPort(), "demo_error_ratio", "result < 0.01");

    Measurement measurement = check.probe().measure();

    assertThat(measurement.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(measurement.message()).isEqualTo("Prometheus: connection refused");
    assertThat(analyse(check)).isEqualTo(AnalysisState.INCONCLUSIVE);
  }
}
