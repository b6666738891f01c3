package in.bontonsoftwares.deploymentrequest.verification;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.QA_NOTES;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.QA_VALIDATION_PASSED;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import org.springframework.stereotype.Component;

/** Completing "Validate with QA": notes are required when the check failed. */
@Component("validateQaListener")
class ValidateQaListener extends CheckNotes {

  ValidateQaListener(RequestValidator validator) {
    super(validator, QA_NOTES, "QA notes");
  }

  @Override
  boolean passed(ProcessVariables v) {
    return v.get(QA_VALIDATION_PASSED);
  }
}
