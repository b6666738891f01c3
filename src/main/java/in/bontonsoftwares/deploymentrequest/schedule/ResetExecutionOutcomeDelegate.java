package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Reset execution outcome" on the way back to scheduling: the next window's execution starts
 * without an outcome (nor a reported start), while the outcome "reschedule" stays in the history. A
 * step of its own in the model, so that the diagram shows where the outcome goes.
 */
@Component("resetExecutionOutcome")
class ResetExecutionOutcomeDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    ProcessVariables v = ProcessVariables.of(execution);
    v.set(EXECUTION_OUTCOME, null);
    // a deployment start a pipeline reported was for the window given up
    v.set(DEPLOYMENT_STARTED, null);
    v.set(DEPLOYMENT_STARTED_AT, null);
  }
}
