package in.bontonsoftwares.deploymentrequest.health;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.config.HealthProperties;
import in.bontonsoftwares.deploymentrequest.display.Readable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The health checks of a request (README "Health checks"): a probe round measures each check that
 * is due, stores the results and answers the analysis of the phase and when the next round is due;
 * the results and their summary are for the record, the forms and the rollback webhook. Rounds are
 * meant to run as the request's timer jobs, one at a time; two rounds at once store each attempt
 * once.
 */
@Service
public class HealthChecks {

  private static final Logger log = LoggerFactory.getLogger(HealthChecks.class);

  private final CheckDefinitions definitions;
  private final HealthProperties properties;
  private final ProbeRepository repository;
  private final HistoryService history;
  private final HealthMetrics metrics;
  private final Clock clock;
  private final DeploymentRequestProperties app;

  HealthChecks(
      CheckDefinitions definitions,
      HealthProperties properties,
      ProbeRepository repository,
      HistoryService history,
      HealthMetrics metrics,
      Clock clock,
      DeploymentRequestProperties app) {
    this.definitions = definitions;
    this.properties = properties;
    this.repository = repository;
    this.history = history;
    this.metrics = metrics;
    this.clock = clock;
    this.app = app;
  }

  /** One round over every result of the phase; see {@link #probe(String, Phase, Instant)}. */
  public ProbeOutcome probe(String requestNumber, Phase phase) {
    return probe(requestNumber, phase, null);
  }

  /**
   * One round: each check of the request that is due in {@code phase} (not finished, and an
   * interval past its last measurement) measures once. Answers the phase's analysis after the
   * round, when the next round is due, and what was measured. A finished analysis measures nothing
   * more. A request without any check (in the watch window: also an environment without one) is
   * SUCCESSFUL at once.
   *
   * @param since the analysis counts only results from then on (a rescheduled deployment's
   *     execution starts over); {@code null}: all. Attempts are numbered over all of them.
   */
  public ProbeOutcome probe(String requestNumber, Phase phase, Instant since) {
    HealthTarget target = HealthTarget.read(history, requestNumber);
    Duration watchWindow = properties.environment(target.environment()).watchWindow();
    List<CheckDefinition> checks = checks(target, phase);
    List<ProbeResult> stored = repository.results(requestNumber);
    Map<String, List<ProbeResult>> byCheck = byCheck(checks, stored, phase, since);
    AnalysisState before = state(checks, byCheck, phase, watchWindow);
    List<ProbeResult> measured = new ArrayList<>();
    if (!before.finished()) {
      for (CheckDefinition check : checks) {
        List<ProbeResult> results = byCheck.get(check.name());
        Instant now = clock.instant();
        if (Analysis.of(check, check.count(phase, watchWindow), results).finished()
            || Analysis.due(check.interval(), results, now).isAfter(now)) {
          continue;
        }
        Measurement measurement = check.probe().measure();
        ProbeResult result =
            new ProbeResult(
                requestNumber,
                check.name(),
                phase,
                attempts(stored, check, phase) + 1,
                clock.instant(),
                measurement.value(),
                measurement.verdict(),
                measurement.message());
        if (!repository.insertOnce(result, target.environment())) {
          log.info(
              "{} {} attempt {} of {} was stored by another round at the same time",
              requestNumber,
              phase,
              result.attempt(),
              check.name());
          continue;
        }
        results.add(result);
        measured.add(result);
        metrics.probed(target.environment(), result);
      }
    }
    AnalysisState after = state(checks, byCheck, phase, watchWindow);
    if (after.finished() && !before.finished()) {
      metrics.finished(target.environment(), phase, after);
      log.info("{} health analysis of {}: {}", requestNumber, phase, after);
    }
    return new ProbeOutcome(
        after, after.finished() ? null : next(checks, byCheck, phase, watchWindow), measured);
  }

  /** Whether the request has any check during execution: without one, no rounds run. */
  public boolean checksDuringExecution(String requestNumber) {
    return !checks(HealthTarget.read(history, requestNumber), Phase.EXECUTION).isEmpty();
  }

  /**
   * Why the analysis of {@code phase} failed, for the rollback webhook, the mail and the record:
   * the phase and each failed measurement, at most 900 characters.
   */
  public String failureReason(String requestNumber, Phase phase) {
    return failureReason(requestNumber, phase, null);
  }

  /**
   * Why the analysis of {@code phase} failed, over the results since {@code since} (the deployment
   * task's start: an earlier window's failures are not this one's); {@code null}: all.
   */
  public String failureReason(String requestNumber, Phase phase, Instant since) {
    StringBuilder reason =
        new StringBuilder("Health checks failed ")
            .append(phase == Phase.EXECUTION ? "during execution" : "in the watch window")
            .append(':');
    for (ProbeResult result : repository.results(requestNumber)) {
      if (result.phase() == phase
          && result.verdict() == Verdict.FAILED
          && (since == null || !result.probedAt().isBefore(since))) {
        String line =
            " %s #%d %s (%s);"
                .formatted(
                    result.check(),
                    result.attempt(),
                    result.value().isEmpty() ? "-" : result.value(),
                    result.message());
        if (reason.length() + line.length() > 900) {
          reason.append(" ...");
          break;
        }
        reason.append(line);
      }
    }
    return reason.toString().replaceAll(";$", "");
  }

  /** Every stored result of the request, in the order they were taken. */
  public List<ProbeResult> results(String requestNumber) {
    return repository.results(requestNumber);
  }

  /** The analysis of {@code phase} as the stored results stand, without measuring. */
  public AnalysisState state(String requestNumber, Phase phase) {
    return state(HealthTarget.read(history, requestNumber), phase);
  }

  private AnalysisState state(HealthTarget target, Phase phase) {
    List<CheckDefinition> checks = checks(target, phase);
    return state(
        checks,
        byCheck(checks, repository.results(target.requestNumber()), phase, null),
        phase,
        properties.environment(target.environment()).watchWindow());
  }

  /** The checks of the request in {@code phase}: none in the watch window of PT0S. */
  private List<CheckDefinition> checks(HealthTarget target, Phase phase) {
    if (phase == Phase.WATCH
        && properties.environment(target.environment()).watchWindow().isZero()) {
      return List.of();
    }
    return definitions.forRequest(target.environment(), target.healthCheckUrl());
  }

  private static int attempts(List<ProbeResult> stored, CheckDefinition check, Phase phase) {
    return (int)
        stored.stream()
            .filter(result -> result.phase() == phase && result.check().equals(check.name()))
            .count();
  }

  /**
   * Whether verification may pass without a person: the environment allows it, the request has at
   * least one check (no check proves nothing), and the analyses of execution and (when the
   * environment has one) of the watch window are SUCCESSFUL.
   */
  public boolean mayVerifyAutomatically(String requestNumber) {
    HealthTarget target = HealthTarget.read(history, requestNumber);
    HealthProperties.Environment environment = properties.environment(target.environment());
    return environment.autoVerify()
        && !checks(target, Phase.EXECUTION).isEmpty()
        && state(target, Phase.EXECUTION) == AnalysisState.SUCCESSFUL
        && (environment.watchWindow().isZero()
            || state(target, Phase.WATCH) == AnalysisState.SUCCESSFUL);
  }

  /**
   * Every result as plain text for a read-only form field and the record, one line each under its
   * phase: {@code 12:01:05 IST health-check-url 200 ✓ status 200}; times in the app's zone.
   */
  public String summary(String requestNumber) {
    List<ProbeResult> results = results(requestNumber);
    if (results.isEmpty()) {
      return "No health check has run.";
    }
    StringBuilder text = new StringBuilder();
    for (Phase phase : Phase.values()) {
      List<ProbeResult> ofPhase = results.stream().filter(r -> r.phase() == phase).toList();
      if (ofPhase.isEmpty()) {
        continue;
      }
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append(phase.label())
          .append(": ")
          .append(state(requestNumber, phase))
          .append(" (")
          .append(app.timeZone().getId())
          .append(")\n");
      for (ProbeResult result : ofPhase) {
        text.append(Readable.timeOfDay(result.probedAt(), app.timeZone()))
            .append("  ")
            .append(result.check())
            .append(" #")
            .append(result.attempt())
            .append("  ")
            .append(result.value().isEmpty() ? "-" : result.value())
            .append("  ")
            .append(result.verdict().symbol())
            .append("  ")
            .append(result.message())
            .append('\n');
      }
    }
    return text.toString().stripTrailing();
  }

  private static Map<String, List<ProbeResult>> byCheck(
      List<CheckDefinition> checks, List<ProbeResult> results, Phase phase, Instant since) {
    Map<String, List<ProbeResult>> byCheck = new LinkedHashMap<>();
    checks.forEach(check -> byCheck.put(check.name(), new ArrayList<>()));
    results.stream()
        .filter(result -> result.phase() == phase && byCheck.containsKey(result.check()))
        .filter(result -> since == null || !result.probedAt().isBefore(since))
        .forEach(result -> byCheck.get(result.check()).add(result));
    return byCheck;
  }

  private static AnalysisState state(
      List<CheckDefinition> checks,
      Map<String, List<ProbeResult>> byCheck,
      Phase phase,
      Duration watchWindow) {
    return Analysis.overall(
        checks.stream()
            .map(
                check ->
                    Analysis.of(check, check.count(phase, watchWindow), byCheck.get(check.name())))
            .toList());
  }

  /** When the first check that is still running measures next. */
  private Instant next(
      List<CheckDefinition> checks,
      Map<String, List<ProbeResult>> byCheck,
      Phase phase,
      Duration watchWindow) {
    Instant now = clock.instant();
    return checks.stream()
        .filter(
            check ->
                !Analysis.of(check, check.count(phase, watchWindow), byCheck.get(check.name()))
                    .finished())
        .map(check -> Analysis.due(check.interval(), byCheck.get(check.name()), now))
        .min(Instant::compareTo)
        .map(due -> due.isBefore(now) ? now : due)
        .orElse(null);
  }
}
