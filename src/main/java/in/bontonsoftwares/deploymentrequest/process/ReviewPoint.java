package in.bontonsoftwares.deploymentrequest.process;

import java.util.Arrays;
import java.util.List;

/**
 * The five points a DevSecOps review confirms (policy 3.1, step 3), each a checkbox of the review
 * form; a request is approved only when all five are ticked.
 */
public enum ReviewPoint {
  PREREQUISITES(
      DeploymentRequestProcess.Data.REVIEW_PREREQUISITES_VERIFIED, "Prerequisites verified"),
  CODE_AND_CONFIGURATION(
      DeploymentRequestProcess.Data.REVIEW_CODE_AND_CONFIGURATION,
      "Code and configuration reviewed"),
  SECURITY_AND_COMPLIANCE(
      DeploymentRequestProcess.Data.REVIEW_SECURITY_AND_COMPLIANCE, "Security and compliance"),
  INFRASTRUCTURE(DeploymentRequestProcess.Data.REVIEW_INFRASTRUCTURE_READY, "Infrastructure ready"),
  RISKS_AND_DEPENDENCIES(
      DeploymentRequestProcess.Data.REVIEW_RISKS_AND_DEPENDENCIES,
      "Risks and dependencies assessed");

  private final Variable<Boolean> variable;
  private final String label;

  ReviewPoint(Variable<Boolean> variable, String label) {
    this.variable = variable;
    this.label = label;
  }

  public Variable<Boolean> variable() {
    return variable;
  }

  public String label() {
    return label;
  }

  public static List<Variable<Boolean>> variables() {
    return Arrays.stream(values()).map(ReviewPoint::variable).toList();
  }
}
