package in.bontonsoftwares.deploymentrequest.process;

/**
 * The contract of {@code bpmn/DeploymentRequestProcess.bpmn}: its key, the ids of the elements that
 * code, tests and forms refer to, and the names of its process variables. Delegates, listeners and
 * tests use these constants, never string literals.
 */
public final class DeploymentRequestProcess {

  public static final String KEY = "DeploymentRequestProcess";
  public static final String RESOURCE = "bpmn/DeploymentRequestProcess.bpmn";

  private DeploymentRequestProcess() {}

  /** Ids of the BPMN elements that code and tests refer to. */
  public static final class Element {
    // 1 checklist
    public static final String CHECK_CHECKLIST = "Task_CheckChecklist";
    public static final String SEND_CHECKLIST_INCOMPLETE_EMAIL =
        "Task_SendChecklistIncompleteEmail";
    public static final String COMPLETE_CHECKLIST = "Task_CompleteChecklist";
    // 2 submission, 3 review
    public static final String SEND_REQUEST_EMAIL = "Task_SendRequestEmail";
    public static final String REVIEW_REQUEST = "Task_ReviewRequest";
    public static final String TIMER_REVIEW_OVERDUE = "BoundaryEvent_ReviewOverdue";
    public static final String SEND_ESCALATION_EMAIL = "Task_SendEscalationEmail";
    public static final String END_ESCALATED = "EndEvent_ReviewEscalated";
    public static final String GATEWAY_REVIEW_DECISION = "Gateway_ReviewDecision";
    public static final String SEND_CHANGES_REQUESTED_EMAIL = "Task_SendChangesRequestedEmail";
    public static final String AMEND_REQUEST = "Task_AmendRequest";
    public static final String ARCHIVE_REJECTION_RECORD = "Task_ArchiveRejectionRecord";
    public static final String SEND_REJECTION_EMAIL = "Task_SendRejectionEmail";
    public static final String END_REJECTED = "EndEvent_RequestRejected";
    public static final String ARCHIVE_WITHDRAWAL_RECORD = "Task_ArchiveWithdrawalRecord";
    public static final String SEND_WITHDRAWAL_EMAIL = "Task_SendWithdrawalEmail";
    public static final String END_WITHDRAWN = "EndEvent_RequestWithdrawn";
    // 4 scheduling
    public static final String SCHEDULE_DEPLOYMENT = "Task_ScheduleDeployment";
    public static final String CREATE_CHANGE_TICKET = "Task_CreateChangeTicket";
    public static final String SEND_SCHEDULE_CONFIRMATION = "Task_SendScheduleConfirmation";
    public static final String TIMER_WINDOW_OPENS = "TimerEvent_WindowOpens";
    // 5 execution
    public static final String MARK_CHANGE_IN_PROGRESS = "Task_MarkChangeInProgress";
    public static final String EXECUTE_DEPLOYMENT = "Task_ExecuteDeployment";
    public static final String GATEWAY_EXECUTION_OUTCOME = "Gateway_ExecutionOutcome";
    public static final String RETURN_CHANGE_TO_SCHEDULED = "Task_ReturnChangeToScheduled";
    public static final String RESET_EXECUTION_OUTCOME = "Task_ResetExecutionOutcome";
    // 6 verification
    public static final String GATEWAY_VERIFICATION_FORK = "Gateway_VerificationFork";
    public static final String VERIFY_HEALTH = "Task_VerifyHealth";
    public static final String RUN_SMOKE_TESTS = "Task_RunSmokeTests";
    public static final String VALIDATE_QA = "Task_ValidateQa";
    public static final String EVALUATE_VERIFICATION = "Task_EvaluateVerification";
    public static final String CLOSE_CHANGE_TICKET = "Task_CloseChangeTicket";
    public static final String SEND_STATUS_EMAIL = "Task_SendStatusEmail";
    public static final String ROLL_BACK_DEPLOYMENT = "Task_RollBackDeployment";
    public static final String MARK_CHANGE_ROLLED_BACK = "Task_MarkChangeRolledBack";
    public static final String SEND_ROLLBACK_EMAIL = "Task_SendRollbackEmail";
    // 7 documentation
    public static final String DOCUMENT_DEPLOYMENT = "Task_DocumentDeployment";
    public static final String ARCHIVE_DEPLOYMENT_RECORD = "Task_ArchiveDeploymentRecord";
    public static final String SEND_DOCUMENTATION_EMAIL = "Task_SendDocumentationEmail";
    public static final String END_DEPLOYED = "EndEvent_Deployed";
    public static final String END_ROLLED_BACK = "EndEvent_RolledBack";

    private Element() {}
  }

  /** Names of the process variables; the form field keys are the same names. */
  public static final class Var {
    // request (start form, amended by the requester)
    public static final String REQUEST_NUMBER = "requestNumber";
    public static final String REQUESTER = "requester";
    public static final String REQUESTER_EMAIL = "requesterEmail";
    public static final String REQUESTER_NAME = "requesterName";
    public static final String REQUESTED_AT = "requestedAt";
    public static final String SUBMITTED_AT = "submittedAt";
    public static final String PROJECT_NAME = "projectName";
    public static final String APPLICATION_NAME = "applicationName";
    public static final String VERSION = "version";
    public static final String ENVIRONMENT = "environment";
    public static final String CHANGE_DESCRIPTION = "changeDescription";
    public static final String WINDOW_START = "windowStart";
    public static final String WINDOW_END = "windowEnd";
    public static final String ROLLBACK_PLAN = "rollbackPlan";
    public static final String ON_CALL_NAME = "onCallName";
    public static final String ON_CALL_EMAIL = "onCallEmail";
    public static final String ON_CALL_PHONE = "onCallPhone";
    public static final String STAKEHOLDER_EMAILS = "stakeholderEmails";
    public static final String REALTIME_CHANNEL = "realtimeChannel";
    public static final String HEALTH_CHECK_URL = "healthCheckUrl";
    public static final String SMOKE_TESTS_APPLY = "smokeTestsApply";
    public static final String QA_VALIDATION_APPLIES = "qaValidationApplies";
    public static final String WITHDRAW_REQUEST = "withdrawRequest";
    public static final String WITHDRAWAL_REASON = "withdrawalReason";
    public static final String AMENDMENT_NOTES = "amendmentNotes";
    // checklist: per item "checklist<Id>" (boolean) and "checklist<Id>Evidence" (string), see
    // ChecklistProperties
    public static final String CHECKLIST_PREFIX = "checklist";
    public static final String CHECKLIST_EVIDENCE_SUFFIX = "Evidence";
    public static final String CHECKLIST_COMPLETE = "checklistComplete";
    public static final String CHECKLIST_MISSING = "checklistMissing";
    public static final String REVISION = "revision";
    // review
    public static final String REVIEW_DUE = "reviewDue";
    public static final String REVIEW_PREREQUISITES_VERIFIED = "reviewPrerequisitesVerified";
    public static final String REVIEW_CODE_AND_CONFIGURATION = "reviewCodeAndConfiguration";
    public static final String REVIEW_SECURITY_AND_COMPLIANCE = "reviewSecurityAndCompliance";
    public static final String REVIEW_INFRASTRUCTURE_READY = "reviewInfrastructureReady";
    public static final String REVIEW_RISKS_AND_DEPENDENCIES = "reviewRisksAndDependencies";
    public static final String RISK_LEVEL = "riskLevel";
    public static final String REVIEW_COMMENTS = "reviewComments";
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String REVIEWER = "reviewer";
    // scheduling
    public static final String CONFIRMED_WINDOW_START = "confirmedWindowStart";
    public static final String CONFIRMED_WINDOW_END = "confirmedWindowEnd";
    public static final String ROLLBACK_PROCEDURE_CONFIRMED = "rollbackProcedureConfirmed";
    public static final String SCHEDULING_NOTES = "schedulingNotes";
    public static final String SCHEDULED_BY = "scheduledBy";
    public static final String CHANGE_TICKET_NUMBER = "changeTicketNumber";

    /**
     * SEQUENCE of the last calendar invitation sent for the window (0 first, +1 on each update or
     * cancellation).
     */
    public static final String CALENDAR_SEQUENCE = "calendarSequence";

    // execution
    public static final String EXECUTION_OUTCOME = "executionOutcome";
    public static final String EXECUTION_NOTES = "executionNotes";
    // verification
    public static final String HEALTH_CHECKS_PASSED = "healthChecksPassed";
    public static final String DASHBOARDS_REVIEWED = "dashboardsReviewed";
    public static final String HEALTH_CHECK_NOTES = "healthCheckNotes";
    public static final String SMOKE_TESTS_PASSED = "smokeTestsPassed";
    public static final String SMOKE_TEST_NOTES = "smokeTestNotes";
    public static final String QA_VALIDATION_PASSED = "qaValidationPassed";
    public static final String QA_NOTES = "qaNotes";
    public static final String VERIFICATION_PASSED = "verificationPassed";
    public static final String VERIFICATION_SUMMARY = "verificationSummary";
    // roll-back
    public static final String ROLLBACK_COMPLETED = "rollbackCompleted";
    public static final String ROLLBACK_NOTES = "rollbackNotes";
    // documentation
    public static final String DEPLOYMENT_OUTCOME = "deploymentOutcome";
    public static final String ISSUES_AND_RESOLUTIONS = "issuesAndResolutions";
    public static final String POST_DEPLOYMENT_METRICS = "postDeploymentMetrics";
    public static final String LESSONS_LEARNED = "lessonsLearned";

    private Var() {}
  }

  /** Values of the decision variables, as the forms submit them. */
  public static final class Value {
    public static final String DECISION_APPROVE = "approve";
    public static final String DECISION_REQUEST_CHANGES = "requestChanges";
    public static final String DECISION_REJECT = "reject";
    public static final String OUTCOME_SUCCESS = "success";
    public static final String OUTCOME_CRITICAL_ISSUE = "criticalIssue";
    public static final String OUTCOME_RESCHEDULE = "reschedule";
    public static final String DEPLOYED = "deployed";
    public static final String ROLLED_BACK = "rolledBack";

    private Value() {}
  }
}
