package in.bontonsoftwares.deploymentrequest.verification;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import in.bontonsoftwares.deploymentrequest.process.FakeTask;
import in.bontonsoftwares.deploymentrequest.request.RequestValidationException;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import in.bontonsoftwares.deploymentrequest.request.TestValidators;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;

class VerificationListenersTest {

  private final RequestValidator validator =
      TestValidators.at(Instant.parse("2026-12-01T10:00:00Z"));

  @Test
  void shouldRequireHealthCheckNotesWhenAChecksFailedOrTheDashboardsWereNotReviewed() {
    VerifyHealthListener listener = new VerifyHealthListener(validator);

    assertThatCode(
            () -> listener.notify(task(HEALTH_CHECKS_PASSED, true, DASHBOARDS_REVIEWED, "true")))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> listener.notify(task(HEALTH_CHECKS_PASSED, true, DASHBOARDS_REVIEWED, false)))
        .isInstanceOf(RequestValidationException.class)
        .hasMessageContaining("Health-check notes are required when a check failed");
    assertThatCode(
            () ->
                listener.notify(
                    task(
                        HEALTH_CHECKS_PASSED,
                        false,
                        DASHBOARDS_REVIEWED,
                        true,
                        HEALTH_CHECK_NOTES,
                        "503 on /actuator/health")))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldRequireSmokeTestAndQaNotesWhenTheyFailed() {
    assertThatThrownBy(
            () -> new RunSmokeTestsListener(validator).notify(task(SMOKE_TESTS_PASSED, "false")))
        .hasMessageContaining("Smoke-test notes are required");
    assertThatThrownBy(
            () -> new ValidateQaListener(validator).notify(task(QA_VALIDATION_PASSED, false)))
        .hasMessageContaining("QA notes are required");
    assertThatCode(() -> new ValidateQaListener(validator).notify(task(QA_VALIDATION_PASSED, true)))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseNotesTooLongToStore() {
    assertThatThrownBy(
            () ->
                new RunSmokeTestsListener(validator)
                    .notify(task(SMOKE_TESTS_PASSED, true, SMOKE_TEST_NOTES, "x".repeat(4001))))
        .hasMessageContaining("smokeTestNotes is too long (4001 characters, at most 4000)");
  }

  private static org.camunda.bpm.engine.delegate.DelegateTask task(Object... variables) {
    return FakeTask.of(
        "Task_Verification",
        TaskListener.EVENTNAME_COMPLETE,
        "quinn",
        FakeTask.variables(variables));
  }
}
