package in.bontonsoftwares.deploymentrequest.process;

import java.util.Date;

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
    // the requester's confirmation, beside the checklist check
    public static final String SEND_CONFIRMATION_EMAIL = "Task_SendConfirmationEmail";
    public static final String END_CONFIRMATION_SENT = "EndEvent_ConfirmationSent";
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
    public static final String GATEWAY_BREAK_GLASS_NEEDED = "Gateway_BreakGlassNeeded";
    public static final String APPROVE_BREAK_GLASS = "Task_ApproveBreakGlass";
    public static final String GATEWAY_BREAK_GLASS_DECISION = "Gateway_BreakGlassDecision";
    public static final String CREATE_CHANGE_TICKET = "Task_CreateChangeTicket";
    public static final String SEND_SCHEDULE_CONFIRMATION = "Task_SendScheduleConfirmation";
    public static final String WAIT_FOR_WINDOW = "SubProcess_WaitForWindow";
    public static final String START_WAIT_FOR_WINDOW = "StartEvent_WaitForWindow";
    public static final String TIMER_WINDOW_OPENS = "TimerEvent_WindowOpens";
    public static final String END_WINDOW_OPENED = "EndEvent_WindowOpened";
    public static final String WINDOW_FROZEN = "BoundaryEvent_WindowFrozen";
    // 5 execution
    public static final String MARK_CHANGE_IN_PROGRESS = "Task_MarkChangeInProgress";
    public static final String SEND_WINDOW_OPEN_EMAIL = "Task_SendWindowOpenEmail";
    public static final String EXECUTE_DEPLOYMENT = "Task_ExecuteDeployment";
    public static final String DEPLOYMENT_STARTED = "BoundaryEvent_DeploymentStarted";
    public static final String RECORD_DEPLOYMENT_START = "Task_RecordDeploymentStart";
    public static final String END_DEPLOYMENT_START_RECORDED = "EndEvent_DeploymentStartRecorded";
    public static final String DEPLOYMENT_SUCCEEDED = "BoundaryEvent_DeploymentSucceeded";
    public static final String DEPLOYMENT_FAILED = "BoundaryEvent_DeploymentFailed";
    public static final String GATEWAY_EXECUTION_OUTCOME = "Gateway_ExecutionOutcome";
    public static final String RETURN_CHANGE_TO_SCHEDULED = "Task_ReturnChangeToScheduled";
    public static final String RESET_EXECUTION_OUTCOME = "Task_ResetExecutionOutcome";
    // automated health checks: during execution, in the watch window, the automatic rollback
    public static final String WATCH_DEPLOYMENT = "SubProcess_WatchDeployment";
    public static final String START_WATCH_DEPLOYMENT = "StartEvent_WatchDeployment";
    public static final String END_WATCH_OVER = "EndEvent_WatchOver";
    public static final String CHECK_HEALTH_IN_WATCH_WINDOW = "Task_CheckHealthInWatchWindow";
    public static final String TIMER_NEXT_HEALTH_CHECK = "TimerEvent_NextHealthCheck";
    public static final String DECIDE_ON_HEALTH = "Task_DecideOnHealth";
    public static final String CALL_ROLLBACK_WEBHOOK = "Task_CallRollbackWebhook";
    public static final String SEND_CRITICAL_ISSUE_EMAIL = "Task_SendCriticalIssueEmail";
    public static final String RECORD_AUTOMATIC_VERIFICATION = "Task_RecordAutomaticVerification";
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

  /**
   * The process variables, each declared once with its name and type; read and write them through
   * {@link ProcessVariables}. The form field keys are the same names.
   */
  public static final class Data {
    // request (start form, amended by the requester)
    public static final Variable<String> REQUEST_NUMBER = Variable.text("requestNumber");
    public static final Variable<String> REQUESTER = Variable.text("requester");
    public static final Variable<String> REQUESTER_EMAIL = Variable.text("requesterEmail");
    public static final Variable<String> REQUESTER_NAME = Variable.text("requesterName");
    public static final Variable<Date> REQUESTED_AT = Variable.date("requestedAt");
    public static final Variable<Date> SUBMITTED_AT = Variable.date("submittedAt");
    public static final Variable<String> PROJECT_NAME = Variable.text("projectName");
    public static final Variable<String> APPLICATION_NAME = Variable.text("applicationName");
    public static final Variable<String> VERSION = Variable.text("version");
    public static final Variable<String> ENVIRONMENT = Variable.text("environment");
    public static final Variable<String> CHANGE_DESCRIPTION = Variable.text("changeDescription");
    // the artifact, optional: filled in by pipelines (the gate then holds them to it)
    public static final Variable<String> COMMIT_SHA = Variable.text("commitSha");
    public static final Variable<String> ARTIFACT_DIGEST = Variable.text("artifactDigest");
    public static final Variable<String> PIPELINE_RUN_URL = Variable.text("pipelineRunUrl");
    public static final Variable<String> WINDOW_START = Variable.text("windowStart");
    public static final Variable<String> WINDOW_END = Variable.text("windowEnd");
    public static final Variable<Date> WINDOW_START_AT = Variable.date("windowStartAt");
    public static final Variable<Date> WINDOW_END_AT = Variable.date("windowEndAt");
    public static final Variable<String> WINDOW_CONFLICTS = Variable.text("windowConflicts");

    /** The preferred window: as entered ({@code windowStart}) and as read by the validator. */
    public static final WindowVariables PREFERRED_WINDOW =
        new WindowVariables(
            WINDOW_START, WINDOW_END, WINDOW_START_AT, WINDOW_END_AT, WINDOW_CONFLICTS);

    public static final Variable<String> ROLLBACK_PLAN = Variable.text("rollbackPlan");
    public static final Variable<String> ON_CALL_NAME = Variable.text("onCallName");
    public static final Variable<String> ON_CALL_EMAIL = Variable.text("onCallEmail");
    public static final Variable<String> ON_CALL_PHONE = Variable.text("onCallPhone");
    public static final Variable<String> STAKEHOLDER_EMAILS = Variable.text("stakeholderEmails");
    public static final Variable<String> REALTIME_CHANNEL = Variable.text("realtimeChannel");
    public static final Variable<String> HEALTH_CHECK_URL = Variable.text("healthCheckUrl");
    public static final Variable<Boolean> SMOKE_TESTS_APPLY = Variable.flag("smokeTestsApply");
    public static final Variable<Boolean> QA_VALIDATION_APPLIES =
        Variable.flag("qaValidationApplies");
    public static final Variable<Boolean> WITHDRAW_REQUEST = Variable.flag("withdrawRequest");
    public static final Variable<String> WITHDRAWAL_REASON = Variable.text("withdrawalReason");
    public static final Variable<String> AMENDMENT_NOTES = Variable.text("amendmentNotes");
    // checklist: per item "checklist<Id>" (boolean) and "checklist<Id>Evidence" (string), see
    // ChecklistProperties
    public static final Variable<Boolean> CHECKLIST_COMPLETE = Variable.flag("checklistComplete");
    public static final Variable<String> CHECKLIST_MISSING = Variable.text("checklistMissing");
    public static final Variable<Integer> REVISION = Variable.number("revision", 1);

    /**
     * What changed in the request since the previous revision, field by field with the form's
     * labels and the old and new values, as plain text for the review form and the re-submission
     * mail; written when revision 2 or later is submitted, absent for revision 1.
     */
    public static final Variable<String> REVISION_CHANGES = Variable.text("revisionChanges");

    /**
     * The earlier rounds' reviews (revision, decision, reviewer's full name, risk, comments), as
     * plain text for the review form and the re-submission mail; absent for revision 1.
     */
    public static final Variable<String> EARLIER_REVIEWS = Variable.text("earlierReviews");

    /**
     * Which value of each request field was submitted for review: a JSON object of field key to the
     * number of values its variable had had by then, in the history's order of occurrence (level
     * full keeps every value), which the next revision is compared with. References, not the
     * values: together the texts may be longer than a text variable holds. No form shows it.
     */
    public static final Variable<String> SUBMITTED_FIELDS = Variable.text("submittedFields");

    // review
    public static final Variable<Date> REVIEW_DUE = Variable.date("reviewDue");
    public static final Variable<Boolean> REVIEW_PREREQUISITES_VERIFIED =
        Variable.flag("reviewPrerequisitesVerified");
    public static final Variable<Boolean> REVIEW_CODE_AND_CONFIGURATION =
        Variable.flag("reviewCodeAndConfiguration");
    public static final Variable<Boolean> REVIEW_SECURITY_AND_COMPLIANCE =
        Variable.flag("reviewSecurityAndCompliance");
    public static final Variable<Boolean> REVIEW_INFRASTRUCTURE_READY =
        Variable.flag("reviewInfrastructureReady");
    public static final Variable<Boolean> REVIEW_RISKS_AND_DEPENDENCIES =
        Variable.flag("reviewRisksAndDependencies");
    public static final Variable<String> RISK_LEVEL = Variable.text("riskLevel");
    public static final Variable<String> REVIEW_COMMENTS = Variable.text("reviewComments");
    public static final Variable<String> REVIEW_DECISION = Variable.text("reviewDecision");
    public static final Variable<String> REVIEWER = Variable.text("reviewer");
    // scheduling
    public static final Variable<String> CONFIRMED_WINDOW_START =
        Variable.text("confirmedWindowStart");
    public static final Variable<String> CONFIRMED_WINDOW_END = Variable.text("confirmedWindowEnd");
    public static final Variable<Date> CONFIRMED_WINDOW_START_AT =
        Variable.date("confirmedWindowStartAt");
    public static final Variable<Date> CONFIRMED_WINDOW_END_AT =
        Variable.date("confirmedWindowEndAt");
    public static final Variable<String> CONFIRMED_WINDOW_CONFLICTS =
        Variable.text("confirmedWindowConflicts");
    public static final Variable<Boolean> CONFIRM_DESPITE_CONFLICTS =
        Variable.flag("confirmDespiteConflicts");

    /** The window DevSecOps confirmed when scheduling. */
    public static final WindowVariables CONFIRMED_WINDOW =
        new WindowVariables(
            CONFIRMED_WINDOW_START,
            CONFIRMED_WINDOW_END,
            CONFIRMED_WINDOW_START_AT,
            CONFIRMED_WINDOW_END_AT,
            CONFIRMED_WINDOW_CONFLICTS);

    public static final Variable<Boolean> ROLLBACK_PROCEDURE_CONFIRMED =
        Variable.flag("rollbackProcedureConfirmed");
    public static final Variable<String> SCHEDULING_NOTES = Variable.text("schedulingNotes");
    public static final Variable<String> SCHEDULED_BY = Variable.text("scheduledBy");
    public static final Variable<String> CHANGE_TICKET_NUMBER = Variable.text("changeTicketNumber");

    // break-glass: a confirmed window inside a BLOCK freeze, asked for with a justification in
    // "Schedule deployment" and decided by a second DevSecOps member in "Approve break-glass"
    /** Why the window must be in the freeze; typed by the scheduler, kept only when it is asked. */
    public static final Variable<String> BREAK_GLASS_JUSTIFICATION =
        Variable.text("breakGlassJustification");

    /** Whether the confirmed window, as last scheduled, waits for a break-glass decision. */
    public static final Variable<Boolean> BREAK_GLASS_REQUESTED =
        Variable.flag("breakGlassRequested");

    /** The BLOCK freezes of the confirmed window and their periods, for people to read. */
    public static final Variable<String> BREAK_GLASS_FREEZES = Variable.text("breakGlassFreezes");

    /** The ids of those freezes, comma-separated: what an approval lets the gate pass. */
    public static final Variable<String> BREAK_GLASS_FREEZE_IDS =
        Variable.text("breakGlassFreezeIds");

    public static final Variable<String> BREAK_GLASS_DECISION = Variable.text("breakGlassDecision");
    public static final Variable<String> BREAK_GLASS_COMMENT = Variable.text("breakGlassComment");
    public static final Variable<String> BREAK_GLASS_DECIDED_BY =
        Variable.text("breakGlassDecidedBy");

    /**
     * Whether the confirmed window has an approved break-glass for {@link #BREAK_GLASS_FREEZE_IDS}:
     * set by the approval, cleared by every scheduling (a new window needs its own).
     */
    public static final Variable<Boolean> BREAK_GLASS_APPROVED =
        Variable.flag("breakGlassApproved");

    /**
     * The freeze period that took the request back from its window to scheduling, as {@code <freeze
     * id>@<period start>}: the same period never does so twice.
     */
    public static final Variable<String> WINDOW_FROZEN_BY = Variable.text("windowFrozenBy");

    /**
     * The last refusal (who, why), shown in "Schedule deployment"; cleared by the next approval.
     */
    public static final Variable<String> BREAK_GLASS_REFUSAL = Variable.text("breakGlassRefusal");

    /**
     * SEQUENCE of the calendar invitation for the confirmed window: 0 when it is first scheduled,
     * +1 on each reschedule (both set on completing "Schedule deployment") and +1 on a roll-back of
     * a scheduled window (set on completing "Roll back deployment"). The invitations only read it.
     */
    public static final Variable<Integer> CALENDAR_SEQUENCE =
        Variable.number("calendarSequence", 0);

    // execution
    public static final Variable<String> EXECUTION_OUTCOME = Variable.text("executionOutcome");
    public static final Variable<String> EXECUTION_NOTES = Variable.text("executionNotes");

    /**
     * What a pipeline reported ({@code pipeline.DeploymentEvents}): when the deployment started, as
     * a line the execution form shows; the reporter and run of the latest event.
     */
    public static final Variable<String> DEPLOYMENT_STARTED = Variable.text("deploymentStarted");

    public static final Variable<Date> DEPLOYMENT_STARTED_AT = Variable.date("deploymentStartedAt");
    public static final Variable<String> DEPLOYMENT_REPORTED_BY =
        Variable.text("deploymentReportedBy");
    public static final Variable<String> DEPLOYMENT_RUN_URL = Variable.text("deploymentRunUrl");

    // automated health checks (package health)
    /**
     * The watch window's analysis after its latest round (RUNNING, SUCCESSFUL, FAILED,
     * INCONCLUSIVE) and when its next round is due.
     */
    public static final Variable<String> WATCH_HEALTH = Variable.text("watchHealth");

    public static final Variable<Date> NEXT_HEALTH_CHECK_AT = Variable.date("nextHealthCheckAt");

    /** Whether verification passed on the checks alone (the environment's {@code auto-verify}). */
    public static final Variable<Boolean> HEALTH_VERIFIED_AUTOMATICALLY =
        Variable.flag("healthVerifiedAutomatically");

    /** Every probe as text, for the read-only field of the health tasks' forms. */
    public static final Variable<String> HEALTH_CHECK_RESULTS = Variable.text("healthCheckResults");

    /** "Decide on inconclusive health checks": promote or roll back, and why. */
    public static final Variable<String> HEALTH_DECISION = Variable.text("healthDecision");

    public static final Variable<String> HEALTH_DECISION_NOTES =
        Variable.text("healthDecisionNotes");

    /** Why the deployment is rolled back without a person: the failed checks or the decision. */
    public static final Variable<String> ROLLBACK_REASON = Variable.text("rollbackReason");

    /** Whether the rollback webhook rolled the deployment back (else a person does). */
    public static final Variable<Boolean> ROLLED_BACK_AUTOMATICALLY =
        Variable.flag("rolledBackAutomatically");

    /** What the rollback webhook answered, for the mail and the person who rolls back instead. */
    public static final Variable<String> ROLLBACK_WEBHOOK_RESULT =
        Variable.text("rollbackWebhookResult");

    // verification
    public static final Variable<Boolean> HEALTH_CHECKS_PASSED =
        Variable.flag("healthChecksPassed");
    public static final Variable<Boolean> DASHBOARDS_REVIEWED = Variable.flag("dashboardsReviewed");
    public static final Variable<String> HEALTH_CHECK_NOTES = Variable.text("healthCheckNotes");
    public static final Variable<Boolean> SMOKE_TESTS_PASSED = Variable.flag("smokeTestsPassed");
    public static final Variable<String> SMOKE_TEST_NOTES = Variable.text("smokeTestNotes");
    public static final Variable<Boolean> QA_VALIDATION_PASSED =
        Variable.flag("qaValidationPassed");
    public static final Variable<String> QA_NOTES = Variable.text("qaNotes");
    public static final Variable<Boolean> VERIFICATION_PASSED = Variable.flag("verificationPassed");
    public static final Variable<String> VERIFICATION_SUMMARY =
        Variable.text("verificationSummary");
    // roll-back
    public static final Variable<Boolean> ROLLBACK_COMPLETED = Variable.flag("rollbackCompleted");
    public static final Variable<String> ROLLBACK_NOTES = Variable.text("rollbackNotes");
    // documentation
    public static final Variable<String> DEPLOYMENT_OUTCOME = Variable.text("deploymentOutcome");
    public static final Variable<String> ISSUES_AND_RESOLUTIONS =
        Variable.text("issuesAndResolutions");
    public static final Variable<String> POST_DEPLOYMENT_METRICS =
        Variable.text("postDeploymentMetrics");
    public static final Variable<String> LESSONS_LEARNED = Variable.text("lessonsLearned");

    /** The answer to one checklist item, the form field {@code checklist<Id>}. */
    public static Variable<Boolean> checklistAnswer(String itemId) {
      return Variable.flag(CHECKLIST_PREFIX + itemId);
    }

    /** The evidence for one checklist item, the form field {@code checklist<Id>Evidence}. */
    public static Variable<String> checklistEvidence(String itemId) {
      return Variable.text(CHECKLIST_PREFIX + itemId + CHECKLIST_EVIDENCE_SUFFIX);
    }

    private static final String CHECKLIST_PREFIX = "checklist";
    private static final String CHECKLIST_EVIDENCE_SUFFIX = "Evidence";

    private Data() {}
  }

  /**
   * The names of {@link Data}'s variables as text, for maps of raw values (form submissions, REST
   * bodies, tests) and for code that still reads through the deprecated name-based methods of
   * {@link ProcessVariables}.
   */
  public static final class Var {
    public static final String REQUEST_NUMBER = Data.REQUEST_NUMBER.name();
    public static final String REQUESTER = Data.REQUESTER.name();
    public static final String REQUESTER_EMAIL = Data.REQUESTER_EMAIL.name();
    public static final String REQUESTER_NAME = Data.REQUESTER_NAME.name();
    public static final String REQUESTED_AT = Data.REQUESTED_AT.name();
    public static final String SUBMITTED_AT = Data.SUBMITTED_AT.name();
    public static final String PROJECT_NAME = Data.PROJECT_NAME.name();
    public static final String APPLICATION_NAME = Data.APPLICATION_NAME.name();
    public static final String VERSION = Data.VERSION.name();
    public static final String ENVIRONMENT = Data.ENVIRONMENT.name();
    public static final String CHANGE_DESCRIPTION = Data.CHANGE_DESCRIPTION.name();
    public static final String COMMIT_SHA = Data.COMMIT_SHA.name();
    public static final String ARTIFACT_DIGEST = Data.ARTIFACT_DIGEST.name();
    public static final String PIPELINE_RUN_URL = Data.PIPELINE_RUN_URL.name();
    public static final String WINDOW_START = Data.WINDOW_START.name();
    public static final String WINDOW_END = Data.WINDOW_END.name();
    public static final String WINDOW_CONFLICTS = Data.WINDOW_CONFLICTS.name();
    public static final String ROLLBACK_PLAN = Data.ROLLBACK_PLAN.name();
    public static final String ON_CALL_NAME = Data.ON_CALL_NAME.name();
    public static final String ON_CALL_EMAIL = Data.ON_CALL_EMAIL.name();
    public static final String ON_CALL_PHONE = Data.ON_CALL_PHONE.name();
    public static final String STAKEHOLDER_EMAILS = Data.STAKEHOLDER_EMAILS.name();
    public static final String REALTIME_CHANNEL = Data.REALTIME_CHANNEL.name();
    public static final String HEALTH_CHECK_URL = Data.HEALTH_CHECK_URL.name();
    public static final String SMOKE_TESTS_APPLY = Data.SMOKE_TESTS_APPLY.name();
    public static final String QA_VALIDATION_APPLIES = Data.QA_VALIDATION_APPLIES.name();
    public static final String WITHDRAW_REQUEST = Data.WITHDRAW_REQUEST.name();
    public static final String WITHDRAWAL_REASON = Data.WITHDRAWAL_REASON.name();
    public static final String AMENDMENT_NOTES = Data.AMENDMENT_NOTES.name();
    public static final String CHECKLIST_COMPLETE = Data.CHECKLIST_COMPLETE.name();
    public static final String CHECKLIST_MISSING = Data.CHECKLIST_MISSING.name();
    public static final String REVISION = Data.REVISION.name();
    public static final String REVISION_CHANGES = Data.REVISION_CHANGES.name();
    public static final String EARLIER_REVIEWS = Data.EARLIER_REVIEWS.name();
    public static final String SUBMITTED_FIELDS = Data.SUBMITTED_FIELDS.name();
    public static final String REVIEW_DUE = Data.REVIEW_DUE.name();
    public static final String REVIEW_PREREQUISITES_VERIFIED =
        Data.REVIEW_PREREQUISITES_VERIFIED.name();
    public static final String REVIEW_CODE_AND_CONFIGURATION =
        Data.REVIEW_CODE_AND_CONFIGURATION.name();
    public static final String REVIEW_SECURITY_AND_COMPLIANCE =
        Data.REVIEW_SECURITY_AND_COMPLIANCE.name();
    public static final String REVIEW_INFRASTRUCTURE_READY =
        Data.REVIEW_INFRASTRUCTURE_READY.name();
    public static final String REVIEW_RISKS_AND_DEPENDENCIES =
        Data.REVIEW_RISKS_AND_DEPENDENCIES.name();
    public static final String RISK_LEVEL = Data.RISK_LEVEL.name();
    public static final String REVIEW_COMMENTS = Data.REVIEW_COMMENTS.name();
    public static final String REVIEW_DECISION = Data.REVIEW_DECISION.name();
    public static final String REVIEWER = Data.REVIEWER.name();
    public static final String CONFIRMED_WINDOW_START = Data.CONFIRMED_WINDOW_START.name();
    public static final String CONFIRMED_WINDOW_CONFLICTS = Data.CONFIRMED_WINDOW_CONFLICTS.name();
    public static final String CONFIRM_DESPITE_CONFLICTS = Data.CONFIRM_DESPITE_CONFLICTS.name();
    public static final String CONFIRMED_WINDOW_END = Data.CONFIRMED_WINDOW_END.name();
    public static final String ROLLBACK_PROCEDURE_CONFIRMED =
        Data.ROLLBACK_PROCEDURE_CONFIRMED.name();
    public static final String SCHEDULING_NOTES = Data.SCHEDULING_NOTES.name();
    public static final String SCHEDULED_BY = Data.SCHEDULED_BY.name();
    public static final String CHANGE_TICKET_NUMBER = Data.CHANGE_TICKET_NUMBER.name();
    public static final String BREAK_GLASS_JUSTIFICATION = Data.BREAK_GLASS_JUSTIFICATION.name();
    public static final String BREAK_GLASS_REQUESTED = Data.BREAK_GLASS_REQUESTED.name();
    public static final String BREAK_GLASS_FREEZES = Data.BREAK_GLASS_FREEZES.name();
    public static final String BREAK_GLASS_FREEZE_IDS = Data.BREAK_GLASS_FREEZE_IDS.name();
    public static final String BREAK_GLASS_DECISION = Data.BREAK_GLASS_DECISION.name();
    public static final String BREAK_GLASS_COMMENT = Data.BREAK_GLASS_COMMENT.name();
    public static final String BREAK_GLASS_DECIDED_BY = Data.BREAK_GLASS_DECIDED_BY.name();
    public static final String BREAK_GLASS_APPROVED = Data.BREAK_GLASS_APPROVED.name();
    public static final String BREAK_GLASS_REFUSAL = Data.BREAK_GLASS_REFUSAL.name();
    public static final String WINDOW_FROZEN_BY = Data.WINDOW_FROZEN_BY.name();
    public static final String CALENDAR_SEQUENCE = Data.CALENDAR_SEQUENCE.name();
    public static final String EXECUTION_OUTCOME = Data.EXECUTION_OUTCOME.name();
    public static final String EXECUTION_NOTES = Data.EXECUTION_NOTES.name();
    public static final String DEPLOYMENT_STARTED = Data.DEPLOYMENT_STARTED.name();
    public static final String DEPLOYMENT_STARTED_AT = Data.DEPLOYMENT_STARTED_AT.name();
    public static final String DEPLOYMENT_REPORTED_BY = Data.DEPLOYMENT_REPORTED_BY.name();
    public static final String DEPLOYMENT_RUN_URL = Data.DEPLOYMENT_RUN_URL.name();
    public static final String HEALTH_CHECKS_PASSED = Data.HEALTH_CHECKS_PASSED.name();
    public static final String DASHBOARDS_REVIEWED = Data.DASHBOARDS_REVIEWED.name();
    public static final String HEALTH_CHECK_NOTES = Data.HEALTH_CHECK_NOTES.name();
    public static final String SMOKE_TESTS_PASSED = Data.SMOKE_TESTS_PASSED.name();
    public static final String SMOKE_TEST_NOTES = Data.SMOKE_TEST_NOTES.name();
    public static final String QA_VALIDATION_PASSED = Data.QA_VALIDATION_PASSED.name();
    public static final String QA_NOTES = Data.QA_NOTES.name();
    public static final String VERIFICATION_PASSED = Data.VERIFICATION_PASSED.name();
    public static final String VERIFICATION_SUMMARY = Data.VERIFICATION_SUMMARY.name();
    public static final String ROLLBACK_COMPLETED = Data.ROLLBACK_COMPLETED.name();
    public static final String ROLLBACK_NOTES = Data.ROLLBACK_NOTES.name();
    public static final String WATCH_HEALTH = Data.WATCH_HEALTH.name();
    public static final String NEXT_HEALTH_CHECK_AT = Data.NEXT_HEALTH_CHECK_AT.name();
    public static final String HEALTH_VERIFIED_AUTOMATICALLY =
        Data.HEALTH_VERIFIED_AUTOMATICALLY.name();
    public static final String HEALTH_CHECK_RESULTS = Data.HEALTH_CHECK_RESULTS.name();
    public static final String HEALTH_DECISION = Data.HEALTH_DECISION.name();
    public static final String HEALTH_DECISION_NOTES = Data.HEALTH_DECISION_NOTES.name();
    public static final String ROLLBACK_REASON = Data.ROLLBACK_REASON.name();
    public static final String ROLLED_BACK_AUTOMATICALLY = Data.ROLLED_BACK_AUTOMATICALLY.name();
    public static final String ROLLBACK_WEBHOOK_RESULT = Data.ROLLBACK_WEBHOOK_RESULT.name();
    public static final String DEPLOYMENT_OUTCOME = Data.DEPLOYMENT_OUTCOME.name();
    public static final String ISSUES_AND_RESOLUTIONS = Data.ISSUES_AND_RESOLUTIONS.name();
    public static final String POST_DEPLOYMENT_METRICS = Data.POST_DEPLOYMENT_METRICS.name();
    public static final String LESSONS_LEARNED = Data.LESSONS_LEARNED.name();
    public static final String WINDOW_START_AT = Data.WINDOW_START_AT.name();
    public static final String WINDOW_END_AT = Data.WINDOW_END_AT.name();
    public static final String CONFIRMED_WINDOW_START_AT = Data.CONFIRMED_WINDOW_START_AT.name();
    public static final String CONFIRMED_WINDOW_END_AT = Data.CONFIRMED_WINDOW_END_AT.name();
    public static final String CHECKLIST_PREFIX = Data.CHECKLIST_PREFIX;
    public static final String CHECKLIST_EVIDENCE_SUFFIX = Data.CHECKLIST_EVIDENCE_SUFFIX;

    private Var() {}
  }

  /**
   * The messages the process waits for: on "Execute deployment" what a pipeline reports over {@code
   * POST /api/deployment-requests/{number}/events} (a failure also when the health checks during
   * execution fail); while it waits for its window, a BLOCK freeze declared over it ({@code
   * freeze.FrozenWindows}).
   */
  public static final class Message {
    public static final String DEPLOYMENT_STARTED = "DeploymentStarted";
    public static final String DEPLOYMENT_SUCCEEDED = "DeploymentSucceeded";
    public static final String DEPLOYMENT_FAILED = "DeploymentFailed";
    public static final String WINDOW_FROZEN = "WindowFrozen";

    private Message() {}
  }

  /** Values of the decision variables, as the forms submit them. */
  public static final class Value {
    public static final String DECISION_APPROVE = "approve";
    public static final String DECISION_REQUEST_CHANGES = "requestChanges";
    public static final String DECISION_REJECT = "reject";
    public static final String OUTCOME_SUCCESS = "success";
    public static final String OUTCOME_CRITICAL_ISSUE = "criticalIssue";
    public static final String OUTCOME_RESCHEDULE = "reschedule";
    public static final String BREAK_GLASS_APPROVE = "approve";
    public static final String BREAK_GLASS_REFUSE = "refuse";
    public static final String DEPLOYED = "deployed";
    public static final String ROLLED_BACK = "rolledBack";
    public static final String HEALTH_PROMOTE = "promote";
    public static final String HEALTH_ROLL_BACK = "rollBack";

    private Value() {}
  }
}
