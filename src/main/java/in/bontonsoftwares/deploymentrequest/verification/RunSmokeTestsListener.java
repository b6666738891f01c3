package in.bontonsoftwares.deploymentrequest.verification;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.SMOKE_TESTS_PASSED;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.SMOKE_TEST_NOTES;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import org.springframework.stereotype.Component;

/** Completing "Run smoke tests": notes are required when the check failed. */
@Component("runSmokeTestsListener")
class RunSmokeTestsListener extends CheckNotes {

  RunSmokeTestsListener(RequestValidator validator) {
    super(validator, SMOKE_TEST_NOTES, "Smoke-test notes");
  }

  @Override
  boolean passed(ProcessVariables v) {
    return v.get(SMOKE_TESTS_PASSED);
  }
}
