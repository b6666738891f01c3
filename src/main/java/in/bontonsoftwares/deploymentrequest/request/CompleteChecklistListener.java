package in.bontonsoftwares.deploymentrequest.request;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.WITHDRAWAL_REASON;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import org.springframework.stereotype.Component;

/**
 * Completing "Complete checklist": the answers themselves are checked by the next step ("Check
 * pre-deployment checklist"); here only what the next steps could not store.
 */
@Component("completeChecklistListener")
class CompleteChecklistListener extends CompletionCheck {

  CompleteChecklistListener(RequestValidator validator) {
    super(validator);
  }

  @Override
  protected void check(ProcessVariables v, Problems problems) {
    validator.lengths(v, problems, WITHDRAWAL_REASON);
  }
}
