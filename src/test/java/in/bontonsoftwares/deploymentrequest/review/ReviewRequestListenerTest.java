package in.bontonsoftwares.deploymentrequest.review;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.FakeTask;
import in.bontonsoftwares.deploymentrequest.process.ReviewPoint;
import in.bontonsoftwares.deploymentrequest.request.RequestValidationException;
import in.bontonsoftwares.deploymentrequest.request.TestValidators;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;

class ReviewRequestListenerTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void shouldRecordTheReviewerOfAnApprovalWithAllFivePoints() {
    Map<String, Object> v = review("approve", "medium", "");
    ReviewPoint.variables().forEach(point -> v.put(point.name(), true));

    listener("sofia").notify(task(v, "sofia"));

    assertThat(v).containsEntry(REVIEWER.name(), "sofia");
  }

  @Test
  void shouldTakeTheAssigneeAsReviewerWhenNobodyIsSignedIn() {
    Map<String, Object> v = review("reject", "high", "No rollback for the schema change");

    listener(null).notify(task(v, "sam"));

    assertThat(v).containsEntry(REVIEWER.name(), "sam");
  }

  @Test
  void shouldRefuseAnApprovalWithAnOpenReviewPointAndNameEveryProblem() {
    Map<String, Object> v = review("approve", "extreme", "");
    ReviewPoint.variables().forEach(point -> v.put(point.name(), "true"));
    v.put(ReviewPoint.INFRASTRUCTURE.variable().name(), false);

    assertThatThrownBy(() -> listener("sofia").notify(task(v, "sofia")))
        .isInstanceOfSatisfying(
            RequestValidationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "Choose a risk level: low, medium, high or critical.",
                        "Approve only after confirming all five review points (prerequisites, code and configuration, "
                            + "security and compliance, infrastructure readiness, risks and dependencies)."));
    assertThat(v).doesNotContainKey(REVIEWER.name());
  }

  @Test
  void shouldRequireCommentsWhenRequestingChangesOrRejecting() {
    for (String decision : new String[] {"requestChanges", "reject"}) {
      Map<String, Object> v = review(decision, "low", "   ");
      assertThatThrownBy(() -> listener("sofia").notify(task(v, "sofia")))
          .as(decision)
          .isInstanceOf(RequestValidationException.class)
          .hasMessageContaining("Comments are required");
    }
    Map<String, Object> undecided = review(null, "low", "");
    assertThatThrownBy(() -> listener("sofia").notify(task(undecided, "sofia")))
        .hasMessageContaining("Choose a decision");
  }

  private static Map<String, Object> review(String decision, String risk, String comments) {
    return FakeTask.variables(
        REVIEW_DECISION, decision, RISK_LEVEL, risk, REVIEW_COMMENTS, comments);
  }

  private static org.camunda.bpm.engine.delegate.DelegateTask task(
      Map<String, Object> v, String assignee) {
    return FakeTask.of(Element.REVIEW_REQUEST, TaskListener.EVENTNAME_COMPLETE, assignee, v);
  }

  private static ReviewRequestListener listener(String user) {
    return new ReviewRequestListener(TestValidators.at(NOW), TestValidators.signedIn(user));
  }
}
