package in.bontonsoftwares.deploymentrequest.request;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.FakeTask;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;

/** Completing the requester's tasks, and the validator storing the preferred window once. */
class RequestTaskListenersTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private final RequestValidator validator = TestValidators.at(NOW);

  @Test
  void shouldStoreThePreferredWindowAsCanonicalTextAndAsDates() {
    // without an offset: the app's zone, Asia/Kolkata
    Map<String, Object> v = preferredWindow(" 2026-12-02T09:30 ", "2026-12-02T06:00+01:00");

    assertThatCode(() -> checkWindow(v).throwIfAny()).doesNotThrowAnyException();
    assertThat(v)
        .containsEntry(WINDOW_START.name(), "2026-12-02T04:00Z")
        .containsEntry(WINDOW_END.name(), "2026-12-02T05:00Z")
        .containsEntry(WINDOW_START_AT.name(), Date.from(Instant.parse("2026-12-02T04:00:00Z")))
        .containsEntry(WINDOW_END_AT.name(), Date.from(Instant.parse("2026-12-02T05:00:00Z")));
  }

  @Test
  void shouldKeepWhatWasTypedWhenAWindowDoesNotRead() {
    Map<String, Object> v = preferredWindow("tomorrow morning", "2026-12-02T05:00Z");

    assertThatThrownBy(() -> checkWindow(v).throwIfAny())
        .hasMessageContaining("The start of the preferred deployment window: 'tomorrow morning'");
    assertThat(v).containsEntry(WINDOW_START.name(), "tomorrow morning");
    assertThat(v).doesNotContainKey(WINDOW_START_AT.name());
  }

  @Test
  void shouldMakeAnAmendmentTheNextRevision() {
    Map<String, Object> v = amendable();
    v.put(REVISION.name(), 2);
    v.put(AMENDMENT_NOTES.name(), "Rollback plan now covers the schema");

    new AmendRequestListener(validator).notify(amended(v));

    assertThat(v).containsEntry(REVISION.name(), 3);
    assertThat(v.get(WINDOW_START_AT.name())).isInstanceOf(Date.class);
  }

  @Test
  void shouldRefuseAnAmendmentWithoutNotesAndLeaveTheRevision() {
    Map<String, Object> v = amendable();
    v.remove(ROLLBACK_PLAN.name());

    assertThatThrownBy(() -> new AmendRequestListener(validator).notify(amended(v)))
        .isInstanceOfSatisfying(
            RequestValidationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "What you changed is required.", "Rollback plan is required."));
    assertThat(v).doesNotContainKey(REVISION.name());
  }

  @Test
  void shouldLetAWithdrawalThroughWithoutCheckingTheRequest() {
    Map<String, Object> v = FakeTask.variables(WITHDRAW_REQUEST, "true", REVISION, 1);

    new AmendRequestListener(validator).notify(amended(v));
    new CompleteChecklistListener(validator)
        .notify(
            FakeTask.of(Element.COMPLETE_CHECKLIST, TaskListener.EVENTNAME_COMPLETE, "dana", v));

    assertThat(v).containsEntry(REVISION.name(), 1);
    v.put(WITHDRAWAL_REASON.name(), "x".repeat(4001));
    assertThatThrownBy(() -> new AmendRequestListener(validator).notify(amended(v)))
        .hasMessageContaining("withdrawalReason is too long");
    assertThatThrownBy(
            () ->
                new CompleteChecklistListener(validator)
                    .notify(
                        FakeTask.of(
                            Element.COMPLETE_CHECKLIST,
                            TaskListener.EVENTNAME_COMPLETE,
                            "dana",
                            v)))
        .hasMessageContaining("withdrawalReason is too long");
  }

  private static Map<String, Object> preferredWindow(String start, String end) {
    return FakeTask.variables(WINDOW_START, start, WINDOW_END, end);
  }

  private Problems checkWindow(Map<String, Object> v) {
    Problems problems = new Problems();
    validator.window(
        ProcessVariables.of(v), PREFERRED_WINDOW, "preferred deployment window", problems);
    return problems;
  }

  private static Map<String, Object> amendable() {
    Map<String, Object> v = new HashMap<>(TestRequests.validRequest());
    Instant start = NOW.plus(Duration.ofDays(1));
    v.put(WINDOW_START.name(), WindowTime.store(start));
    v.put(WINDOW_END.name(), WindowTime.store(start.plus(Duration.ofHours(1))));
    return v;
  }

  private static org.camunda.bpm.engine.delegate.DelegateTask amended(Map<String, Object> v) {
    return FakeTask.of(Element.AMEND_REQUEST, TaskListener.EVENTNAME_COMPLETE, "dana", v);
  }
}
