package in.bontonsoftwares.deploymentrequest.security;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.FakeTask;
import in.bontonsoftwares.deploymentrequest.request.TestValidators;
import java.util.Map;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;

class SeparationOfDutiesListenerTest {

  private final Map<String, Object> variables = FakeTask.variables(REQUESTER, "dana");

  @Test
  void shouldRefuseTheRequesterTakingOnTheirOwnReview() {
    SeparationOfDutiesListener listener = listenerSignedInAs("sofia");

    assertThatThrownBy(
            () ->
                listener.notify(
                    FakeTask.of(
                        Element.REVIEW_REQUEST,
                        TaskListener.EVENTNAME_ASSIGNMENT,
                        "dana",
                        variables)))
        .isInstanceOf(SeparationOfDutiesException.class)
        .hasMessageContaining("dana cannot take on")
        .hasMessageContaining("their own deployment request");
    assertThat(variables).containsOnlyKeys(REQUESTER.name());
  }

  @Test
  void shouldRefuseTheRequesterCompletingAGuardedTaskWhoeverItIsAssignedTo() {
    SeparationOfDutiesListener listener = listenerSignedInAs("dana");

    for (String task : SeparationOfDuties.GUARDED_TASKS) {
      assertThatThrownBy(
              () ->
                  listener.notify(
                      FakeTask.of(task, TaskListener.EVENTNAME_COMPLETE, "sofia", variables)))
          .as(task)
          .isInstanceOf(SeparationOfDutiesException.class)
          .hasMessageContaining("dana cannot complete");
    }
  }

  @Test
  void shouldLetSomeoneElseAndTheRequesterOnTheirOwnTasksAct() {
    SeparationOfDutiesListener bySofia = listenerSignedInAs("sofia");
    SeparationOfDutiesListener byDana = listenerSignedInAs("dana");
    SeparationOfDutiesListener byEngine = listenerSignedInAs(null);

    assertThatCode(
            () -> {
              bySofia.notify(
                  FakeTask.of(
                      Element.REVIEW_REQUEST,
                      TaskListener.EVENTNAME_ASSIGNMENT,
                      "sofia",
                      variables));
              bySofia.notify(
                  FakeTask.of(
                      Element.REVIEW_REQUEST, TaskListener.EVENTNAME_COMPLETE, "sofia", variables));
              byEngine.notify(
                  FakeTask.of(
                      Element.DOCUMENT_DEPLOYMENT,
                      TaskListener.EVENTNAME_COMPLETE,
                      null,
                      variables));
              byDana.notify(
                  FakeTask.of(
                      Element.RUN_SMOKE_TESTS, TaskListener.EVENTNAME_COMPLETE, "dana", variables));
              byDana.notify(
                  FakeTask.of(
                      Element.AMEND_REQUEST, TaskListener.EVENTNAME_COMPLETE, "dana", variables));
            })
        .doesNotThrowAnyException();
  }

  @Test
  void shouldFailLoudlyWhenRegisteredForAnotherEvent() {
    assertThatThrownBy(
            () ->
                listenerSignedInAs("sofia")
                    .notify(
                        FakeTask.of(
                            Element.REVIEW_REQUEST,
                            TaskListener.EVENTNAME_CREATE,
                            null,
                            variables)))
        .isInstanceOf(IllegalStateException.class);
  }

  private static SeparationOfDutiesListener listenerSignedInAs(String user) {
    return new SeparationOfDutiesListener(TestValidators.signedIn(user));
  }
}
