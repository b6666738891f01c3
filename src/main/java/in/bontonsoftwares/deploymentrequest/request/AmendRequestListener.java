package in.bontonsoftwares.deploymentrequest.request;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.AMENDMENT_NOTES;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REVISION;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.WITHDRAWAL_REASON;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.WITHDRAW_REQUEST;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Completing "Amend request": a withdrawal needs nothing but a storable reason; an amendment is
 * checked like a new request, says what changed, and becomes the next revision.
 */
@Component("amendRequestListener")
class AmendRequestListener extends CompletionCheck {

  AmendRequestListener(RequestValidator validator) {
    super(validator);
  }

  @Override
  protected void check(ProcessVariables v, Problems problems) {
    if (v.get(WITHDRAW_REQUEST)) {
      validator.lengths(v, problems, WITHDRAWAL_REASON);
      return;
    }
    validator.required(v, AMENDMENT_NOTES, "What you changed", problems);
    validator.checkRequest(v, problems);
  }

  @Override
  protected void completed(DelegateTask task, ProcessVariables v) {
    if (!v.get(WITHDRAW_REQUEST)) {
      v.set(REVISION, v.get(REVISION) + 1);
    }
  }
}
