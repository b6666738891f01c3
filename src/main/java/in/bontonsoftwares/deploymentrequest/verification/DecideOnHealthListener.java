package in.bontonsoftwares.deploymentrequest.verification;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.HEALTH_DECISION;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.HEALTH_DECISION_NOTES;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.HEALTH_VERIFIED_AUTOMATICALLY;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ROLLBACK_REASON;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.request.CompletionCheck;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Completing "Decide on inconclusive health checks": promote (verification goes on, by a person) or
 * roll back, always with the reason; a roll-back names who decided and why.
 */
@Component("decideOnHealthListener")
class DecideOnHealthListener extends CompletionCheck {

  DecideOnHealthListener(RequestValidator validator) {
    super(validator);
  }

  @Override
  protected void check(ProcessVariables v, Problems problems) {
    if (!Set.of(Value.HEALTH_PROMOTE, Value.HEALTH_ROLL_BACK).contains(v.get(HEALTH_DECISION))) {
      problems.add("Choose whether to promote the deployment or to roll it back.");
    }
    validator.required(v, HEALTH_DECISION_NOTES, "Reason", problems);
    validator.lengths(v, problems, HEALTH_DECISION_NOTES);
  }

  @Override
  protected void completed(DelegateTask task, ProcessVariables v) {
    v.set(HEALTH_VERIFIED_AUTOMATICALLY, false);
    if (Value.HEALTH_ROLL_BACK.equals(v.get(HEALTH_DECISION))) {
      v.set(
          ROLLBACK_REASON,
          "Health checks in the watch window were inconclusive; %s decided to roll back: %s"
              .formatted(task.getAssignee(), v.text(HEALTH_DECISION_NOTES)));
    }
  }
}
