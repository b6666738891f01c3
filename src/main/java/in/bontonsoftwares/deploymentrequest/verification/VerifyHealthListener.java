package in.bontonsoftwares.deploymentrequest.verification;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.DASHBOARDS_REVIEWED;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.HEALTH_CHECKS_PASSED;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.HEALTH_CHECK_NOTES;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import org.springframework.stereotype.Component;

/**
 * Completing "Run health checks and review dashboards": notes are required when the check failed.
 */
@Component("verifyHealthListener")
class VerifyHealthListener extends CheckNotes {

  VerifyHealthListener(RequestValidator validator) {
    super(validator, HEALTH_CHECK_NOTES, "Health-check notes");
  }

  @Override
  boolean passed(ProcessVariables v) {
    return v.get(HEALTH_CHECKS_PASSED) && v.get(DASHBOARDS_REVIEWED);
  }
}
