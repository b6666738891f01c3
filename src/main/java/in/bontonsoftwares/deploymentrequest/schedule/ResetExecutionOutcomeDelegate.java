package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.EXECUTION_OUTCOME;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Reset execution outcome" on the way back to scheduling: the next window's execution starts
 * without an outcome, while the outcome "reschedule" stays in the history. A step of its own in the
 * model, so that the diagram shows where the outcome goes.
 */
@Component("resetExecutionOutcome")
class ResetExecutionOutcomeDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    ProcessVariables.of(execution).set(EXECUTION_OUTCOME, null);
  }
}
