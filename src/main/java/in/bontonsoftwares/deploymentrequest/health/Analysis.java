package in.bontonsoftwares.deploymentrequest.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Argo Rollouts' rules for one check in one phase, over its measurements so far: FAILED when more
 * than {@code failureLimit} failed, else INCONCLUSIVE when more than {@code inconclusiveLimit} were
 * inconclusive (ERROR counting as inconclusive), else SUCCESSFUL once {@code count} measurements
 * ran, else RUNNING. Over several checks the worst wins: FAILED over INCONCLUSIVE over RUNNING over
 * SUCCESSFUL.
 */
final class Analysis {

  private Analysis() {}

  static AnalysisState of(CheckDefinition check, int count, List<ProbeResult> results) {
    long failed = results.stream().filter(r -> r.verdict() == Verdict.FAILED).count();
    long inconclusive = results.stream().filter(r -> r.verdict().inconclusive()).count();
    if (failed > check.failureLimit()) {
      return AnalysisState.FAILED;
    }
    if (inconclusive > check.inconclusiveLimit()) {
      return AnalysisState.INCONCLUSIVE;
    }
    return results.size() >= count ? AnalysisState.SUCCESSFUL : AnalysisState.RUNNING;
  }

  static AnalysisState overall(Collection<AnalysisState> checks) {
    for (AnalysisState worst :
        List.of(AnalysisState.FAILED, AnalysisState.INCONCLUSIVE, AnalysisState.RUNNING)) {
      if (checks.contains(worst)) {
        return worst;
      }
    }
    return AnalysisState.SUCCESSFUL;
  }

  /** When the check measures next: an interval after its last measurement; now for the first. */
  static Instant due(Duration interval, List<ProbeResult> results, Instant now) {
    return results.isEmpty() ? now : results.get(results.size() - 1).probedAt().plus(interval);
  }
}
