package in.bontonsoftwares.deploymentrequest.execution;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.DEPLOYMENT_REPORTED_BY;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ENVIRONMENT;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.EXECUTION_NOTES;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REQUEST_NUMBER;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ROLLBACK_COMPLETED;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ROLLBACK_NOTES;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ROLLBACK_REASON;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ROLLBACK_WEBHOOK_RESULT;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ROLLED_BACK_AUTOMATICALLY;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.VERIFICATION_PASSED;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.VERIFICATION_SUMMARY;

import in.bontonsoftwares.deploymentrequest.health.RollbackWebhook;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.request.Environment;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Call rollback webhook", the first step of every rollback: calls the environment's rollback
 * webhook with the reason (signed, retried, once per request and reason). Delivered, the deployment
 * counts as rolled back without anyone clicking; not configured or not delivered, a person rolls
 * back ("Roll back deployment"), told what the webhook answered. The reason is the one the health
 * checks or the decision on them wrote, else the failed verification's summary, else what execution
 * reported.
 */
@Component("callRollbackWebhook")
class CallRollbackWebhookDelegate implements JavaDelegate {

  private final RollbackWebhook webhook;

  CallRollbackWebhookDelegate(RollbackWebhook webhook) {
    this.webhook = webhook;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ProcessVariables v = ProcessVariables.of(execution);
    String reason = reason(v);
    v.set(ROLLBACK_REASON, reason);
    RollbackWebhook.Delivery delivery = webhook.deliver(v.text(REQUEST_NUMBER), reason);
    String environment = Environment.labelOf(v.get(ENVIRONMENT));
    String result =
        switch (delivery.outcome()) {
          case DELIVERED ->
              "The rollback webhook of %s answered %d (attempt %d, Idempotency-Key %s)."
                  .formatted(
                      environment,
                      delivery.status(),
                      delivery.attempts(),
                      delivery.idempotencyKey());
          case ALREADY_DELIVERED ->
              "The rollback webhook of %s was called before for this reason (Idempotency-Key %s)."
                  .formatted(environment, delivery.idempotencyKey());
          case NOT_CONFIGURED ->
              "%s has no rollback webhook: roll back by hand.".formatted(environment);
          case FAILED ->
              "The rollback webhook of %s did not accept the call (%s after %d attempts): roll back by hand."
                  .formatted(
                      environment,
                      delivery.status() == null ? "no answer" : "status " + delivery.status(),
                      delivery.attempts());
        };
    v.set(ROLLBACK_WEBHOOK_RESULT, result);
    v.set(ROLLED_BACK_AUTOMATICALLY, delivery.delivered());
    if (delivery.delivered()) {
      v.set(ROLLBACK_COMPLETED, true);
      v.set(ROLLBACK_NOTES, "Rolled back automatically. " + reason + "\n" + result);
      RollBackDeploymentListener.rolledBack(v);
    }
  }

  static String reason(ProcessVariables v) {
    if (!v.text(ROLLBACK_REASON).isEmpty()) {
      return v.text(ROLLBACK_REASON);
    }
    if (v.has(VERIFICATION_PASSED) && !v.get(VERIFICATION_PASSED)) {
      return "Verification failed: " + v.text(VERIFICATION_SUMMARY).replace("\n", "; ");
    }
    String notes = v.text(EXECUTION_NOTES);
    return (v.get(DEPLOYMENT_REPORTED_BY) != null
            ? "The pipeline reported that the deployment failed"
            : "Execution reported a critical issue")
        + (notes.isEmpty() ? "." : ": " + notes);
  }
}
