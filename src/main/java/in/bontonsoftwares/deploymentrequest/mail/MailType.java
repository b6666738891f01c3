package in.bontonsoftwares.deploymentrequest.mail;

/**
 * Every email the policy requires. The name is what the BPMN model passes as the {@code mailType}
 * input of a mail task; the purpose is the third part of the subject {@code <Project> -
 * <Environment> - <Purpose> - <date>}.
 */
public enum MailType {
  CHECKLIST_INCOMPLETE("Checklist Incomplete"),
  REQUEST("Deployment Request"),
  REVIEW_OVERDUE("Review Overdue"),
  CHANGES_REQUESTED("Changes Requested"),
  REJECTED("Deployment Request Rejected"),
  WITHDRAWN("Deployment Request Withdrawn"),
  SCHEDULE_CONFIRMED("Deployment Scheduled"),
  VERIFICATION_STATUS("Deployment Status"),
  ROLLED_BACK("Deployment Rolled Back"),
  DEPLOYMENT_RECORD("Deployment Record");

  private final String purpose;

  MailType(String purpose) {
    this.purpose = purpose;
  }

  public String purpose() {
    return purpose;
  }
}
