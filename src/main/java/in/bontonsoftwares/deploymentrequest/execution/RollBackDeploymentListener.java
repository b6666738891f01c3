package in.bontonsoftwares.deploymentrequest.execution;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.CALENDAR_SEQUENCE;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.DEPLOYMENT_OUTCOME;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ROLLBACK_COMPLETED;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ROLLBACK_NOTES;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.request.CompletionCheck;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Completing "Roll back deployment": only once it is done, with notes; the deployment's outcome
 * becomes "rolled back", and the calendar invitation, if one went out, moves to the sequence of its
 * cancellation.
 */
@Component("rollBackDeploymentListener")
class RollBackDeploymentListener extends CompletionCheck {

  RollBackDeploymentListener(RequestValidator validator) {
    super(validator);
  }

  @Override
  protected void check(ProcessVariables v, Problems problems) {
    if (!v.get(ROLLBACK_COMPLETED)) {
      problems.add(
          "Complete this task only once the rollback is done and the service restored; tick the box then.");
    }
    validator.required(v, ROLLBACK_NOTES, "Rollback notes", problems);
    validator.lengths(v, problems, ROLLBACK_NOTES);
  }

  @Override
  protected void completed(DelegateTask task, ProcessVariables v) {
    rolledBack(v);
  }

  /**
   * What a rollback writes, by a person or by the webhook: the outcome "rolled back", and the
   * calendar invitation, if one went out, moves to the sequence of its cancellation.
   */
  static void rolledBack(ProcessVariables v) {
    v.set(DEPLOYMENT_OUTCOME, Value.ROLLED_BACK);
    if (v.has(CALENDAR_SEQUENCE)) {
      v.set(CALENDAR_SEQUENCE, v.get(CALENDAR_SEQUENCE) + 1);
    }
  }
}
