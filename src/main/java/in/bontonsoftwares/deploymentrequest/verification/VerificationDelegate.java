package in.bontonsoftwares.deploymentrequest.verification;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Evaluate verification" (policy step 6): the deployment passes when the health checks passed and
 * the dashboards were reviewed, and every check that applies to the request (smoke tests, QA
 * validation) passed.
 */
@Component("evaluateVerification")
class VerificationDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    ProcessVariables v = ProcessVariables.of(execution);
    List<String> summary = new ArrayList<>();
    boolean passed =
        check(
            summary,
            "Health checks",
            true,
            v.get(HEALTH_CHECKS_PASSED),
            v.text(HEALTH_CHECK_NOTES));
    passed &= check(summary, "Dashboards reviewed", true, v.get(DASHBOARDS_REVIEWED), "");
    passed &=
        check(
            summary,
            "Smoke tests",
            v.get(SMOKE_TESTS_APPLY),
            v.get(SMOKE_TESTS_PASSED),
            v.text(SMOKE_TEST_NOTES));
    passed &=
        check(
            summary,
            "QA validation",
            v.get(QA_VALIDATION_APPLIES),
            v.get(QA_VALIDATION_PASSED),
            v.text(QA_NOTES));
    v.set(VERIFICATION_PASSED, passed);
    v.set(VERIFICATION_SUMMARY, String.join("\n", summary));
    if (passed) {
      v.set(DEPLOYMENT_OUTCOME, Value.DEPLOYED);
    }
  }

  private static boolean check(
      List<String> summary, String name, boolean applies, boolean passed, String notes) {
    if (!applies) {
      summary.add(name + ": not applicable");
      return true;
    }
    summary.add(
        name + ": " + (passed ? "passed" : "FAILED") + (notes.isEmpty() ? "" : " - " + notes));
    return passed;
  }
}
