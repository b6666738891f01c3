package in.bontonsoftwares.deploymentrequest.health;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.HEALTH_VERIFIED_AUTOMATICALLY;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.NEXT_HEALTH_CHECK_AT;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REQUEST_NUMBER;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ROLLBACK_REASON;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.WATCH_HEALTH;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Check health in the watch window": one probe round of the watch window. Writes the analysis
 * ({@code watchHealth}), when the next round is due, whether verification may pass on the checks
 * alone, and on FAILED the reason for the rollback. An environment without a watch window, or a
 * request without checks, is SUCCESSFUL at the first round.
 */
@Component("checkHealthInWatchWindow")
class WatchHealthCheckDelegate implements JavaDelegate {

  private final HealthChecks checks;

  WatchHealthCheckDelegate(HealthChecks checks) {
    this.checks = checks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ProcessVariables v = ProcessVariables.of(execution);
    String number = v.text(REQUEST_NUMBER);
    ProbeOutcome outcome = checks.probe(number, Phase.WATCH);
    v.set(WATCH_HEALTH, outcome.state().name());
    v.set(
        NEXT_HEALTH_CHECK_AT,
        outcome.nextProbeAt() == null ? null : Date.from(outcome.nextProbeAt()));
    v.set(
        HEALTH_VERIFIED_AUTOMATICALLY,
        outcome.state() == AnalysisState.SUCCESSFUL && checks.mayVerifyAutomatically(number));
    if (outcome.state() == AnalysisState.FAILED) {
      v.set(ROLLBACK_REASON, checks.failureReason(number, Phase.WATCH));
    }
  }
}
