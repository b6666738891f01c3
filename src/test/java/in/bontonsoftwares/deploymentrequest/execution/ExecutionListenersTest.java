package in.bontonsoftwares.deploymentrequest.execution;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.FakeTask;
import in.bontonsoftwares.deploymentrequest.request.RequestValidationException;
import in.bontonsoftwares.deploymentrequest.request.TestValidators;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;

class ExecutionListenersTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private final ExecuteDeploymentListener execute =
      new ExecuteDeploymentListener(TestValidators.at(NOW));
  private final RollBackDeploymentListener rollBack =
      new RollBackDeploymentListener(TestValidators.at(NOW));

  @Test
  void shouldAcceptASuccessWithoutNotesAndRequireNotesOtherwise() {
    assertThatCode(() -> execute.notify(executed("success", null))).doesNotThrowAnyException();
    assertThatThrownBy(() -> execute.notify(executed("criticalIssue", " ")))
        .hasMessageContaining("Describe the critical issue");
    assertThatThrownBy(() -> execute.notify(executed("reschedule", null)))
        .hasMessageContaining("why the window cannot be used");
    assertThatThrownBy(() -> execute.notify(executed("deployedMaybe", null)))
        .isInstanceOf(RequestValidationException.class)
        .hasMessageContaining("Choose the outcome");
  }

  @Test
  void shouldMarkTheRollBackAndMoveTheCalendarSequenceToTheCancellation() {
    Map<String, Object> v =
        FakeTask.variables(
            ROLLBACK_COMPLETED, true, ROLLBACK_NOTES, "2.4.0 redeployed", CALENDAR_SEQUENCE, 1);

    rollBack.notify(rolledBack(v));

    assertThat(v)
        .containsEntry(DEPLOYMENT_OUTCOME.name(), "rolledBack")
        .containsEntry(CALENDAR_SEQUENCE.name(), 2);
  }

  @Test
  void shouldLeaveTheSequenceAbsentWhenNoInvitationWentOut() {
    Map<String, Object> v =
        FakeTask.variables(ROLLBACK_COMPLETED, "true", ROLLBACK_NOTES, "2.4.0 redeployed");

    rollBack.notify(rolledBack(v));

    assertThat(v).doesNotContainKey(CALENDAR_SEQUENCE.name());
  }

  @Test
  void shouldRefuseARollBackThatIsNotDone() {
    Map<String, Object> v = FakeTask.variables(ROLLBACK_COMPLETED, false, CALENDAR_SEQUENCE, 0);

    assertThatThrownBy(() -> rollBack.notify(rolledBack(v)))
        .isInstanceOfSatisfying(
            RequestValidationException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(2)
                    .last()
                    .isEqualTo("Rollback notes is required."));
    assertThat(v)
        .containsEntry(CALENDAR_SEQUENCE.name(), 0)
        .doesNotContainKey(DEPLOYMENT_OUTCOME.name());
  }

  private static org.camunda.bpm.engine.delegate.DelegateTask executed(
      String outcome, String notes) {
    return FakeTask.of(
        Element.EXECUTE_DEPLOYMENT,
        TaskListener.EVENTNAME_COMPLETE,
        "sam",
        FakeTask.variables(EXECUTION_OUTCOME, outcome, EXECUTION_NOTES, notes));
  }

  private static org.camunda.bpm.engine.delegate.DelegateTask rolledBack(Map<String, Object> v) {
    return FakeTask.of(Element.ROLL_BACK_DEPLOYMENT, TaskListener.EVENTNAME_COMPLETE, "sam", v);
  }
}
