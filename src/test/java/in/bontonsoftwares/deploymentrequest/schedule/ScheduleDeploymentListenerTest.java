package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.FakeTask;
import in.bontonsoftwares.deploymentrequest.request.RequestValidationException;
import in.bontonsoftwares.deploymentrequest.request.TestValidators;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;

class ScheduleDeploymentListenerTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private final ScheduleDeploymentListener listener =
      new ScheduleDeploymentListener(TestValidators.at(NOW), TestValidators.signedIn("sofia"));

  @Test
  void shouldProposeThePreferredWindowTheFirstTimeAndNeverTouchTheOutcome() {
    Map<String, Object> v =
        FakeTask.variables(
            WINDOW_START,
            "2026-12-02T04:00Z",
            WINDOW_END,
            "2026-12-02T05:00Z",
            EXECUTION_OUTCOME,
            "reschedule");

    listener.notify(task(TaskListener.EVENTNAME_CREATE, v));

    assertThat(v)
        .containsEntry(CONFIRMED_WINDOW_START.name(), "2026-12-02T04:00Z")
        .containsEntry(CONFIRMED_WINDOW_END.name(), "2026-12-02T05:00Z")
        .containsEntry(ROLLBACK_PROCEDURE_CONFIRMED.name(), false)
        .containsEntry(EXECUTION_OUTCOME.name(), "reschedule");

    // a reschedule shows the window confirmed before, not the preferred one again
    v.put(CONFIRMED_WINDOW_START.name(), "2026-12-03T04:00Z");
    v.put(ROLLBACK_PROCEDURE_CONFIRMED.name(), true);
    listener.notify(task(TaskListener.EVENTNAME_CREATE, v));
    assertThat(v)
        .containsEntry(CONFIRMED_WINDOW_START.name(), "2026-12-03T04:00Z")
        .containsEntry(ROLLBACK_PROCEDURE_CONFIRMED.name(), true);
  }

  @Test
  void shouldStoreTheConfirmedWindowAsTypedAndAsDatesAndStartTheCalendarSequence() {
    Map<String, Object> v = confirmed("2026-12-02T09:30+05:30", "2026-12-02T10:30");

    listener.notify(task(TaskListener.EVENTNAME_COMPLETE, v));

    assertThat(v)
        .containsEntry(CONFIRMED_WINDOW_START.name(), "2026-12-02T04:00Z")
        .containsEntry(CONFIRMED_WINDOW_END.name(), "2026-12-02T05:00Z")
        .containsEntry(
            CONFIRMED_WINDOW_START_AT.name(), Date.from(Instant.parse("2026-12-02T04:00:00Z")))
        .containsEntry(
            CONFIRMED_WINDOW_END_AT.name(), Date.from(Instant.parse("2026-12-02T05:00:00Z")))
        .containsEntry(SCHEDULED_BY.name(), "sofia")
        .containsEntry(CALENDAR_SEQUENCE.name(), 0);
  }

  @Test
  void shouldMoveTheCalendarSequenceOnEachReschedule() {
    Map<String, Object> v = confirmed("2026-12-02T04:00Z", "2026-12-02T05:00Z");
    listener.notify(task(TaskListener.EVENTNAME_COMPLETE, v));
    listener.notify(task(TaskListener.EVENTNAME_COMPLETE, v));
    listener.notify(task(TaskListener.EVENTNAME_COMPLETE, v));

    assertThat(v).containsEntry(CALENDAR_SEQUENCE.name(), 2);
  }

  @Test
  void shouldRefuseAnUnusableScheduleAndLeaveTheSequenceAlone() {
    Map<String, Object> v = confirmed("2026-12-02T05:00Z", "2026-12-02T04:00Z");
    v.put(ROLLBACK_PROCEDURE_CONFIRMED.name(), false);
    v.put(STAKEHOLDER_EMAILS.name(), "product@example.com, not-an-address");
    v.put(CALENDAR_SEQUENCE.name(), 0);

    assertThatThrownBy(() -> listener.notify(task(TaskListener.EVENTNAME_COMPLETE, v)))
        .isInstanceOfSatisfying(
            RequestValidationException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(3)
                    .anyMatch(p -> p.startsWith("The confirmed deployment window must end after"))
                    .anyMatch(p -> p.startsWith("Confirm the rollback procedure"))
                    .anyMatch(p -> p.contains("not valid: not-an-address")));
    assertThat(v).containsEntry(CALENDAR_SEQUENCE.name(), 0).doesNotContainKey(SCHEDULED_BY.name());
  }

  private static Map<String, Object> confirmed(String start, String end) {
    return FakeTask.variables(
        CONFIRMED_WINDOW_START,
        start,
        CONFIRMED_WINDOW_END,
        end,
        ROLLBACK_PROCEDURE_CONFIRMED,
        "true");
  }

  private static DelegateTask task(String event, Map<String, Object> v) {
    return FakeTask.of(Element.SCHEDULE_DEPLOYMENT, event, "sofia", v);
  }
}
