package in.bontonsoftwares.deploymentrequest.execution;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.EXECUTION_NOTES;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.EXECUTION_OUTCOME;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.request.CompletionCheck;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Completing "Execute deployment": one of the three outcomes, and notes that say what went wrong or
 * why the window cannot be used.
 */
@Component("executeDeploymentListener")
class ExecuteDeploymentListener extends CompletionCheck {

  static final Set<String> OUTCOMES =
      Set.of(Value.OUTCOME_SUCCESS, Value.OUTCOME_CRITICAL_ISSUE, Value.OUTCOME_RESCHEDULE);

  ExecuteDeploymentListener(RequestValidator validator) {
    super(validator);
  }

  @Override
  protected void check(ProcessVariables v, Problems problems) {
    String outcome = v.get(EXECUTION_OUTCOME);
    if (outcome == null || !OUTCOMES.contains(outcome)) {
      problems.add(
          "Choose the outcome of the deployment: deployed successfully, critical issue or reschedule.");
    }
    if (Value.OUTCOME_CRITICAL_ISSUE.equals(outcome) && v.get(EXECUTION_NOTES) == null) {
      problems.add("Describe the critical issue in the execution notes.");
    }
    if (Value.OUTCOME_RESCHEDULE.equals(outcome) && v.get(EXECUTION_NOTES) == null) {
      problems.add(
          "Say in the execution notes why the window cannot be used; everyone gets the new one.");
    }
    validator.lengths(v, problems, EXECUTION_NOTES);
  }
}
