package in.bontonsoftwares.deploymentrequest.archive;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.FakeTask;
import in.bontonsoftwares.deploymentrequest.request.RequestValidationException;
import in.bontonsoftwares.deploymentrequest.request.TestValidators;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;

class DocumentDeploymentListenerTest {

  private final DocumentDeploymentListener listener =
      new DocumentDeploymentListener(TestValidators.at(Instant.parse("2026-12-01T10:00:00Z")));

  @Test
  void shouldRequireAllThreePartsOfTheDocumentation() {
    assertThatThrownBy(() -> listener.notify(task(ISSUES_AND_RESOLUTIONS, "None")))
        .isInstanceOfSatisfying(
            RequestValidationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "Post-deployment metrics is required.", "Lessons learned is required."));
    assertThatCode(
            () ->
                listener.notify(
                    task(
                        ISSUES_AND_RESOLUTIONS, "None",
                        POST_DEPLOYMENT_METRICS, "p95 180 ms",
                        LESSONS_LEARNED, "Announce earlier")))
        .doesNotThrowAnyException();
  }

  private static org.camunda.bpm.engine.delegate.DelegateTask task(Object... variables) {
    return FakeTask.of(
        Element.DOCUMENT_DEPLOYMENT,
        TaskListener.EVENTNAME_COMPLETE,
        "sofia",
        FakeTask.variables(variables));
  }
}
