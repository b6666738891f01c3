package in.bontonsoftwares.deploymentrequest.review;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REVIEWER;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REVIEW_COMMENTS;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REVIEW_DECISION;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.RISK_LEVEL;

import in.bontonsoftwares.deploymentrequest.identity.CurrentUser;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.ReviewPoint;
import in.bontonsoftwares.deploymentrequest.request.CompletionCheck;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import java.util.Arrays;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Completing "Review deployment request": a decision and a risk level, all five review points
 * before an approval, comments with every other decision; records who reviewed.
 */
@Component("reviewRequestListener")
class ReviewRequestListener extends CompletionCheck {

  static final Set<String> RISK_LEVELS = Set.of("low", "medium", "high", "critical");
  static final Set<String> DECISIONS =
      Set.of(Value.DECISION_APPROVE, Value.DECISION_REQUEST_CHANGES, Value.DECISION_REJECT);

  private final CurrentUser currentUser;

  ReviewRequestListener(RequestValidator validator, CurrentUser currentUser) {
    super(validator);
    this.currentUser = currentUser;
  }

  @Override
  protected void check(ProcessVariables v, Problems problems) {
    String decision = v.get(REVIEW_DECISION);
    if (decision == null || !DECISIONS.contains(decision)) {
      problems.add("Choose a decision: approve, request changes or reject.");
    }
    String risk = v.get(RISK_LEVEL);
    if (risk == null || !RISK_LEVELS.contains(risk)) {
      problems.add("Choose a risk level: low, medium, high or critical.");
    }
    if (Value.DECISION_APPROVE.equals(decision)
        && !Arrays.stream(ReviewPoint.values()).allMatch(point -> v.get(point.variable()))) {
      problems.add(
          "Approve only after confirming all five review points (prerequisites, code and configuration, "
              + "security and compliance, infrastructure readiness, risks and dependencies).");
    }
    if ((Value.DECISION_REQUEST_CHANGES.equals(decision) || Value.DECISION_REJECT.equals(decision))
        && v.get(REVIEW_COMMENTS) == null) {
      problems.add(
          "Comments are required when requesting changes or rejecting: tell the team what to change or why.");
    }
    validator.lengths(v, problems, REVIEW_COMMENTS);
  }

  @Override
  protected void completed(DelegateTask task, ProcessVariables v) {
    v.set(REVIEWER, currentUser.completing(task));
  }
}
