package in.bontonsoftwares.deploymentrequest.mail;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;

/**
 * Every email the app sends. The name is what the BPMN model passes as the {@code mailType} input
 * of a mail task; the purpose is the third part of the subject {@code <Project> - <Environment> -
 * <Purpose> - <date>}. A mail that asks someone to act names the user task it asks for: the mail
 * links to that task in Tasklist.
 */
public enum MailType {
  SUBMITTED("Deployment Request Received"),
  CHECKLIST_INCOMPLETE("Checklist Incomplete", Element.COMPLETE_CHECKLIST),
  REQUEST("Deployment Request", Element.REVIEW_REQUEST),
  REVIEW_OVERDUE("Review Overdue", Element.REVIEW_REQUEST),
  CHANGES_REQUESTED("Changes Requested", Element.AMEND_REQUEST),
  REJECTED("Deployment Request Rejected"),
  WITHDRAWN("Deployment Request Withdrawn"),
  SCHEDULE_CONFIRMED("Deployment Scheduled"),
  WINDOW_OPEN("Deployment Window Open", Element.EXECUTE_DEPLOYMENT),
  VERIFICATION_STATUS("Deployment Status"),
  CRITICAL_ISSUE("Critical Issue: Roll Back Now", Element.ROLL_BACK_DEPLOYMENT),
  ROLLED_BACK("Deployment Rolled Back"),
  DEPLOYMENT_RECORD("Deployment Record"),
  // not mail tasks: sent when a task is assigned to a person or lands in their group's queue
  TASK_ASSIGNED("Task Assigned"),
  TASK_QUEUED("Task Waiting"),
  // not a mail task: sent when a freeze declared or changed later covers a confirmed window
  WINDOW_FROZEN("Deployment Window Frozen");

  private final String purpose;
  private final String task;

  MailType(String purpose) {
    this(purpose, null);
  }

  MailType(String purpose, String task) {
    this.purpose = purpose;
    this.task = task;
  }

  public String purpose() {
    return purpose;
  }

  /** The id of the user task this mail asks someone to do, or {@code null}. */
  public String task() {
    return task;
  }
}
