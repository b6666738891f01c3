package in.bontonsoftwares.deploymentrequest.health;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.HEALTH_CHECK_RESULTS;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REQUEST_NUMBER;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On creating a task whose form shows the automated results (verification, the decision on
 * inconclusive checks, the rollback): every probe so far as text, {@code healthCheckResults}, so
 * that the person decides with the evidence in front of them.
 */
@Component("healthCheckResultsListener")
class HealthCheckResultsListener implements TaskListener {

  private final HealthChecks checks;

  HealthCheckResultsListener(HealthChecks checks) {
    this.checks = checks;
  }

  @Override
  public void notify(DelegateTask task) {
    ProcessVariables v = ProcessVariables.of(task.getExecution());
    v.set(HEALTH_CHECK_RESULTS, checks.summary(v.text(REQUEST_NUMBER)));
  }
}
