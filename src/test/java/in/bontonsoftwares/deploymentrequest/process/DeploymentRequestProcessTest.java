package in.bontonsoftwares.deploymentrequest.process;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.archive.RecordArchive;
import in.bontonsoftwares.deploymentrequest.numbering.NumberGenerator;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicket;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicketService;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path through the Deployment Request process, played by the people of the policy. */
@DependsOnTime
class DeploymentRequestProcessTest extends ProcessTestSupport {

  @Autowired ChangeTicketService tickets;
  @Autowired RecordArchive archive;
  @Autowired NumberGenerator numbers;

  private static final String REQUESTER = "dana";
  private static final String REVIEWER = "sofia";
  private static final String OPERATOR = "sam";
  private static final String QA = "quinn";

  @Test
  void shouldDeployWhenRequestIsApprovedExecutedAndVerified() throws Exception {
    // given a complete request
    ProcessInstance request = submit(REQUESTER, validRequest());
    assertThat(request).isWaitingAt(SEND_REQUEST_EMAIL, SEND_CONFIRMATION_EMAIL);
    assertThat(request.getBusinessKey()).matches("DR-\\d{4}-\\d{4}");

    // when it is submitted, approved, scheduled, executed, verified and documented
    confirm(request);
    runDueJobs(request);
    assertThat(request).isWaitingAt(REVIEW_REQUEST);
    assertThat(task(request, REVIEW_REQUEST).getDueDate()).isEqualTo(variable(request, REVIEW_DUE));
    assertThat(
            ((Date) variable(request, REVIEW_DUE)).getTime()
                - ((Date) variable(request, SUBMITTED_AT)).getTime())
        .isEqualTo(2 * 24 * 3600 * 1000L);
    approveAndSchedule(request);
    assertThat(variable(request, CHANGE_TICKET_NUMBER).toString()).matches("CHG-\\d{4}-\\d{4}");
    assertThat(request).isWaitingAt(EXECUTE_DEPLOYMENT);
    complete(
        request, EXECUTE_DEPLOYMENT, OPERATOR, Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS));
    // the watch window (this test's request has no health check, so it is over at once)
    assertThat(request).isWaitingAt(CHECK_HEALTH_IN_WATCH_WINDOW);
    runDueJobs(request);
    assertThat(request)
        .hasPassed(WATCH_DEPLOYMENT)
        .isWaitingAt(VERIFY_HEALTH)
        .isNotWaitingAt(RUN_SMOKE_TESTS, VALIDATE_QA);
    complete(
        request,
        VERIFY_HEALTH,
        OPERATOR,
        Map.of(HEALTH_CHECKS_PASSED, true, DASHBOARDS_REVIEWED, true));
    runDueJobs(request);
    complete(request, DOCUMENT_DEPLOYMENT, OPERATOR, TestRequests.documentation());
    runDueJobs(request);

    // then it ends deployed, with every mail of the policy sent in its format
    assertThat(request)
        .isEnded()
        .hasPassed(
            SEND_CONFIRMATION_EMAIL,
            END_CONFIRMATION_SENT,
            SEND_REQUEST_EMAIL,
            CREATE_CHANGE_TICKET,
            SEND_SCHEDULE_CONFIRMATION,
            TIMER_WINDOW_OPENS,
            MARK_CHANGE_IN_PROGRESS,
            SEND_WINDOW_OPEN_EMAIL,
            CLOSE_CHANGE_TICKET,
            SEND_STATUS_EMAIL,
            ARCHIVE_DEPLOYMENT_RECORD,
            SEND_DOCUMENTATION_EMAIL,
            END_DEPLOYED)
        .hasPassedInOrder(
            TIMER_WINDOW_OPENS,
            MARK_CHANGE_IN_PROGRESS,
            SEND_WINDOW_OPEN_EMAIL,
            EXECUTE_DEPLOYMENT,
            VERIFY_HEALTH)
        .hasPassedInOrder(
            EVALUATE_VERIFICATION,
            CLOSE_CHANGE_TICKET,
            SEND_STATUS_EMAIL,
            DOCUMENT_DEPLOYMENT,
            ARCHIVE_DEPLOYMENT_RECORD,
            SEND_DOCUMENTATION_EMAIL)
        .hasNotPassed(
            SEND_CHECKLIST_INCOMPLETE_EMAIL,
            ROLL_BACK_DEPLOYMENT,
            MARK_CHANGE_ROLLED_BACK,
            RETURN_CHANGE_TO_SCHEDULED);
    String date = requestDate(request).format(DateTimeFormatter.ISO_LOCAL_DATE);
    assertThat(subjects())
        .containsExactly(
            "Payments - Production - Deployment Request Received - " + date,
            "Payments - Production - Deployment Request - " + date,
            "Payments - Production - Deployment Scheduled - " + date,
            "Payments - Production - Deployment Window Open - " + date,
            "Payments - Production - Deployment Status - " + date,
            "Payments - Production - Deployment Record - " + date);
    MimeMessage received = mail("Deployment Request Received");
    assertThat(addresses(received, RecipientType.TO)).containsExactly("dana@example.com");
    assertThat(addresses(received, RecipientType.CC)).isEmpty();
    assertThat(text(received))
        .contains(
            "Its number is " + request.getBusinessKey(),
            "/requests.html?request=" + request.getBusinessKey());
    MimeMessage requestMail = mail("Deployment Request");
    assertThat(addresses(requestMail, RecipientType.TO))
        .containsExactly("devsecops@bontonsoftwares.in");
    assertThat(text(requestMail))
        .contains(
            request.getBusinessKey(),
            "payments-api",
            "2.4.1",
            "Redeploy 2.4.0",
            "Olivia Oncall",
            "+91 98765 43210",
            "#deploy-payments",
            "[x] done",
            "Business/product owner approval",
            "Preferred deployment window");
    MimeMessage scheduled = mail("Deployment Scheduled");
    assertThat(addresses(scheduled, RecipientType.CC))
        .contains(
            "product@example.com", "support@example.com", "olivia@example.com", "dana@example.com");
    MimeMessage windowOpen = mail("Deployment Window Open");
    assertThat(addresses(windowOpen, RecipientType.TO))
        .containsExactlyInAnyOrder("sofia@example.com", "sam@example.com", "olivia@example.com");
    assertThat(addresses(windowOpen, RecipientType.CC))
        .containsExactly("devsecops@bontonsoftwares.in");
    assertThat(text(windowOpen))
        .contains("/app/tasklist/default/#/?task=" + historicTaskId(request, EXECUTE_DEPLOYMENT));
    assertThat(text(mail("Deployment Record")))
        .contains(
            "Review deployment request",
            "by Sofia Secops",
            "Execute deployment",
            "by Sam Operator",
            "p95 latency 180 ms",
            "Announce the window a day earlier",
            "Timeline");
    assertThat(
            engine
                .getHistoryService()
                .createUserOperationLogQuery()
                .processInstanceId(request.getId())
                .operationType("Complete")
                .taskId(historicTaskId(request, REVIEW_REQUEST))
                .singleResult())
        .satisfies(
            entry -> {
              assertThat(entry.getUserId()).isEqualTo(REVIEWER);
              assertThat(entry.getAnnotation())
                  .isEqualTo("Decision: approve; risk: medium; revision 1; reviewer: sofia");
            });
    for (MimeMessage mail : mails()) {
      assertThat(mail.getHeader("References")[0])
          .isEqualTo("<" + request.getBusinessKey() + "@bontonsoftwares.in>");
    }
    // and DevSecOps' members heard of each task in their queue but the one the window-open mail
    // announces; never the person whose step created it (sam's verification created the
    // documentation) nor of the tasks they claimed themselves; the watch window's last round
    // created the health checks, so sam heard of them too
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(taskNotices(request))
                    .containsExactlyInAnyOrder(
                        "Task Waiting: Review deployment request -> sofia@example.com",
                        "Task Waiting: Review deployment request -> sam@example.com",
                        "Task Waiting: Schedule deployment -> sofia@example.com",
                        "Task Waiting: Schedule deployment -> sam@example.com",
                        "Task Waiting: Run health checks and review dashboards -> sofia@example.com",
                        "Task Waiting: Run health checks and review dashboards -> sam@example.com",
                        "Task Waiting: Document deployment -> sofia@example.com",
                        "Task Waiting: Document deployment -> sam@example.com"));
  }

  @Test
  void shouldRunSmokeTestsAndQaValidationInParallelWhenTheRequestSaysTheyApply() throws Exception {
    // given a request whose deployment succeeded, with smoke tests and QA validation
    ProcessInstance request =
        executedSuccessfully(Map.of(SMOKE_TESTS_APPLY, true, QA_VALIDATION_APPLIES, true));

    assertThat(request).isWaitingAt(VERIFY_HEALTH, RUN_SMOKE_TESTS, VALIDATE_QA);
    assertThat(task(request, RUN_SMOKE_TESTS).getAssignee()).isEqualTo(REQUESTER);
    assertThat(taskService.getIdentityLinksForTask(task(request, VALIDATE_QA).getId()))
        .anyMatch(link -> "qa".equals(link.getGroupId()));
    complete(request, RUN_SMOKE_TESTS, REQUESTER, Map.of(SMOKE_TESTS_PASSED, true));
    complete(request, VALIDATE_QA, QA, Map.of(QA_VALIDATION_PASSED, true));
    assertThat(request).isWaitingAt(VERIFY_HEALTH);
    complete(
        request,
        VERIFY_HEALTH,
        OPERATOR,
        Map.of(HEALTH_CHECKS_PASSED, true, DASHBOARDS_REVIEWED, true));
    runDueJobs(request);
    complete(request, DOCUMENT_DEPLOYMENT, OPERATOR, TestRequests.documentation());
    runDueJobs(request);

    assertThat(request).isEnded().hasPassed(RUN_SMOKE_TESTS, VALIDATE_QA, END_DEPLOYED);
    assertThat(tickets.findByRequestNumber(request.getBusinessKey()).orElseThrow().status())
        .isEqualTo(ChangeTicket.Status.COMPLETED);
    assertThat(subjects())
        .extracting(subject -> subject.split(" - ")[2])
        .containsExactly("Deployment Status", "Deployment Record");
    assertThat(text(mail("Deployment Record")))
        .contains("Smoke tests: passed", "QA validation: passed");
  }

  @Test
  void shouldReturnTheChecklistToTheRequesterWhenItIsIncomplete() throws Exception {
    Map<String, Object> form = validRequest();
    form.put("checklistOwnerApproval", false);
    form.put("checklistMonitoringReady", false);

    ProcessInstance request = submit(REQUESTER, form);

    assertThat(request).isWaitingAt(SEND_CHECKLIST_INCOMPLETE_EMAIL);
    confirm(request);
    runDueJobs(request);
    assertThat(request).isWaitingAt(COMPLETE_CHECKLIST);
    assertThat(task(request, COMPLETE_CHECKLIST).getAssignee()).isEqualTo(REQUESTER);
    assertThat(subjects())
        .extracting(subject -> subject.split(" - ")[2])
        .containsExactly("Deployment Request Received", "Checklist Incomplete");
    MimeMessage returned = mail("Checklist Incomplete");
    assertThat(addresses(returned, RecipientType.TO)).containsExactly("dana@example.com");
    assertThat(text(returned))
        .contains("- Business/product owner approval", "- Monitoring, alerts and dashboards")
        .contains("/#/?task=" + task(request, COMPLETE_CHECKLIST).getId())
        .doesNotContain("- Code reviewed and merged");

    // when the requester completes it, it is checked again and goes to DevSecOps
    complete(
        request,
        COMPLETE_CHECKLIST,
        REQUESTER,
        Map.of(
            "checklistOwnerApproval",
            true,
            "checklistMonitoringReady",
            true,
            WITHDRAW_REQUEST,
            false));
    assertThat(request)
        .hasPassedInOrder(COMPLETE_CHECKLIST, CHECK_CHECKLIST)
        .isWaitingAt(SEND_REQUEST_EMAIL);
  }

  @Test
  void shouldAskOnlyForWhatTheEnvironmentRequires() {
    Map<String, Object> form = validRequest();
    form.put(ENVIRONMENT, "staging");
    form.put("checklistOwnerApproval", false);

    ProcessInstance request = submit(REQUESTER, form);

    assertThat(request).isWaitingAt(SEND_REQUEST_EMAIL);
  }

  @Test
  void shouldEndWithdrawnWhenTheRequesterWithdrawsInsteadOfCompletingTheChecklist()
      throws Exception {
    Map<String, Object> form = validRequest();
    form.put("checklistCodeReviewed", false);
    ProcessInstance request = submit(REQUESTER, form);
    confirm(request);
    runDueJobs(request);

    complete(
        request,
        COMPLETE_CHECKLIST,
        REQUESTER,
        Map.of(WITHDRAW_REQUEST, true, WITHDRAWAL_REASON, "Release moved to next sprint"));
    runDueJobs(request);

    assertThat(request)
        .isEnded()
        .hasPassedInOrder(ARCHIVE_WITHDRAWAL_RECORD, SEND_WITHDRAWAL_EMAIL, END_WITHDRAWN)
        .hasNotPassed(SEND_REQUEST_EMAIL);
    assertThat(archive.find(request.getBusinessKey()))
        .hasValueSatisfying(record -> assertThat(record.outcome()).isEqualTo("WITHDRAWN"));
    assertThat(subjects())
        .extracting(subject -> subject.split(" - ")[2])
        .containsExactly(
            "Deployment Request Received", "Checklist Incomplete", "Deployment Request Withdrawn");
    MimeMessage withdrawn = mail("Deployment Request Withdrawn");
    assertThat(addresses(withdrawn, RecipientType.CC)).isEmpty();
    assertThat(text(withdrawn)).contains("Release moved to next sprint");
  }

  @Test
  void shouldResubmitAsRevisionTwoWhenDevSecOpsRequestsChanges() throws Exception {
    ProcessInstance request = submit(REQUESTER, validRequest());
    confirm(request);
    runDueJobs(request);

    complete(
        request,
        REVIEW_REQUEST,
        REVIEWER,
        TestRequests.review(
            Value.DECISION_REQUEST_CHANGES, "Add the database migration's rollback script"));
    runDueJobs(request);
    assertThat(request).isWaitingAt(AMEND_REQUEST);
    assertThat(task(request, AMEND_REQUEST).getAssignee()).isEqualTo(REQUESTER);
    MimeMessage changes = mail("Changes Requested");
    assertThat(addresses(changes, RecipientType.TO)).containsExactly("dana@example.com");
    assertThat(text(changes))
        .contains(
            "Add the database migration's rollback script",
            "/#/?task=" + task(request, AMEND_REQUEST).getId());

    complete(
        request,
        AMEND_REQUEST,
        REQUESTER,
        Map.of(
            VERSION, "2.4.2", AMENDMENT_NOTES, "Rollback script added", WITHDRAW_REQUEST, false));
    assertThat(request)
        .hasPassedInOrder(AMEND_REQUEST, CHECK_CHECKLIST)
        .isWaitingAt(SEND_REQUEST_EMAIL);
    runDueJobs(request);

    assertThat(request).isWaitingAt(REVIEW_REQUEST);
    assertThat(variable(request, REVISION)).isEqualTo(2);
    assertThat(variable(request, REVIEW_DECISION)).isNull();
    assertThat(variable(request, REVIEW_COMMENTS))
        .as("no comment of round 1 approved by mistake")
        .isNull();
    assertThat(subjects())
        .extracting(subject -> subject.split(" - ")[2])
        .containsExactly(
            "Deployment Request Received",
            "Deployment Request",
            "Changes Requested",
            "Deployment Request (Revision 2)");
    MimeMessage resubmitted = mail("Deployment Request (Revision 2)");
    assertThat(text(resubmitted)).contains("Revision 2", "2.4.2", "Rollback script added");
    assertThat(resubmitted.getMessageID()).isNotEqualTo(mail("Deployment Request").getMessageID());
  }

  @Test
  void shouldEndRejectedWhenDevSecOpsRejects() throws Exception {
    ProcessInstance request = submit(REQUESTER, validRequest());
    runDueJobs(request);

    complete(
        request,
        REVIEW_REQUEST,
        REVIEWER,
        TestRequests.review(Value.DECISION_REJECT, "No business case"));
    runDueJobs(request);

    assertThat(request)
        .isEnded()
        .hasPassedInOrder(ARCHIVE_REJECTION_RECORD, SEND_REJECTION_EMAIL, END_REJECTED)
        .hasNotPassed(SCHEDULE_DEPLOYMENT);
    assertThat(archive.find(request.getBusinessKey()))
        .hasValueSatisfying(record -> assertThat(record.outcome()).isEqualTo("REJECTED"));
    MimeMessage rejected = mail("Deployment Request Rejected");
    assertThat(pdfAttachment(rejected)).isEqualTo(request.getBusinessKey() + ".pdf");
    assertThat(addresses(rejected, RecipientType.CC))
        .containsExactly("devsecops@bontonsoftwares.in");
    assertThat(text(rejected))
        .contains("No business case", "Reviewer: Sofia Secops", "Decision: Reject");
  }

  @Test
  void shouldEndWithdrawnAndTellDevSecOpsWhenTheRequesterWithdrawsInsteadOfAmending()
      throws Exception {
    ProcessInstance request = submit(REQUESTER, validRequest());
    runDueJobs(request);
    complete(
        request,
        REVIEW_REQUEST,
        REVIEWER,
        TestRequests.review(Value.DECISION_REQUEST_CHANGES, "Split it"));
    runDueJobs(request);

    complete(
        request,
        AMEND_REQUEST,
        REQUESTER,
        Map.of(WITHDRAW_REQUEST, true, WITHDRAWAL_REASON, "Not needed"));
    runDueJobs(request);

    assertThat(request)
        .isEnded()
        .hasPassedInOrder(AMEND_REQUEST, ARCHIVE_WITHDRAWAL_RECORD, SEND_WITHDRAWAL_EMAIL)
        .hasPassed(END_WITHDRAWN);
    MimeMessage withdrawn = mail("Deployment Request Withdrawn");
    assertThat(pdfAttachment(withdrawn)).isEqualTo(request.getBusinessKey() + ".pdf");
    assertThat(addresses(withdrawn, RecipientType.CC))
        .containsExactly("devsecops@bontonsoftwares.in");
  }

  @Test
  void shouldEscalateToMailboxAndRequesterWhenTheReviewIsOverdue() throws Exception {
    ProcessInstance request = submit(REQUESTER, validRequest());
    runDueJobs(request);
    Job overdue =
        managementService
            .createJobQuery()
            .processInstanceId(request.getId())
            .activityId(TIMER_REVIEW_OVERDUE)
            .singleResult();
    assertThat(overdue.getDuedate()).isEqualTo(variable(request, REVIEW_DUE));

    // when the SLA passes
    managementService.executeJob(overdue.getId());
    runDueJobs(request);

    // then the review stays open and both the mailbox and the requester are told
    assertThat(request).isWaitingAt(REVIEW_REQUEST).hasPassed(SEND_ESCALATION_EMAIL, END_ESCALATED);
    MimeMessage escalation = mail("Review Overdue");
    assertThat(addresses(escalation, RecipientType.TO))
        .containsExactly("devsecops@bontonsoftwares.in");
    assertThat(addresses(escalation, RecipientType.CC)).containsExactly("dana@example.com");
  }

  @Test
  void shouldRollBackAndDocumentWhenExecutionHitsACriticalIssue() throws Exception {
    ProcessInstance request = submit(REQUESTER, validRequest());
    confirm(request);
    runDueJobs(request);
    approveAndSchedule(request);

    complete(
        request,
        EXECUTE_DEPLOYMENT,
        OPERATOR,
        Map.of(
            EXECUTION_OUTCOME,
            Value.OUTCOME_CRITICAL_ISSUE,
            EXECUTION_NOTES,
            "Migration locked the refunds table"));
    // every rollback asks the environment's rollback webhook first: production has none here
    assertThat(request).isWaitingAt(CALL_ROLLBACK_WEBHOOK);
    runDueJobs(request);
    assertThat(request).isWaitingAt(ROLL_BACK_DEPLOYMENT).isNotWaitingAt(VERIFY_HEALTH);
    MimeMessage critical = mail("Critical Issue: Roll Back Now");
    assertThat(addresses(critical, RecipientType.TO))
        .contains("olivia@example.com", "product@example.com", "dana@example.com");
    assertThat(text(critical))
        .contains(
            "Execution reported a critical issue: Migration locked the refunds table",
            "has no rollback webhook: roll back by hand",
            "Roll back deployment");
    complete(
        request,
        ROLL_BACK_DEPLOYMENT,
        OPERATOR,
        Map.of(ROLLBACK_COMPLETED, true, ROLLBACK_NOTES, "2.4.0 redeployed, health green"));
    runDueJobs(request);
    complete(request, DOCUMENT_DEPLOYMENT, OPERATOR, TestRequests.documentation());
    runDueJobs(request);

    assertThat(request)
        .isEnded()
        .hasPassedInOrder(
            ROLL_BACK_DEPLOYMENT,
            MARK_CHANGE_ROLLED_BACK,
            SEND_ROLLBACK_EMAIL,
            DOCUMENT_DEPLOYMENT,
            ARCHIVE_DEPLOYMENT_RECORD,
            SEND_DOCUMENTATION_EMAIL,
            END_ROLLED_BACK)
        .hasNotPassed(END_DEPLOYED, CLOSE_CHANGE_TICKET);
    assertThat(archive.find(request.getBusinessKey()))
        .hasValueSatisfying(record -> assertThat(record.outcome()).isEqualTo("ROLLED_BACK"));
    assertThat(subjects())
        .extracting(subject -> subject.split(" - ")[2])
        .containsExactly(
            "Deployment Request Received",
            "Deployment Request",
            "Deployment Scheduled",
            "Deployment Window Open",
            "Critical Issue: Roll Back Now",
            "Deployment Rolled Back",
            "Deployment Record");
    assertThat(text(mail("Deployment Record")))
        .contains("outcome Rolled back", "Migration locked the refunds table", "2.4.0 redeployed");
  }

  @Test
  void shouldRollBackWhenAVerificationFails() {
    ProcessInstance request = executedSuccessfully(Map.of(QA_VALIDATION_APPLIES, true));

    complete(
        request,
        VERIFY_HEALTH,
        OPERATOR,
        Map.of(HEALTH_CHECKS_PASSED, true, DASHBOARDS_REVIEWED, true));
    complete(
        request,
        VALIDATE_QA,
        QA,
        Map.of(QA_VALIDATION_PASSED, false, QA_NOTES, "Refund totals wrong"));
    runDueJobs(request);

    assertThat(request)
        .isWaitingAt(ROLL_BACK_DEPLOYMENT)
        .hasPassed(EVALUATE_VERIFICATION)
        .hasNotPassed(CLOSE_CHANGE_TICKET, SEND_STATUS_EMAIL);
    assertThat(tickets.findByRequestNumber(request.getBusinessKey()).orElseThrow().status())
        .isEqualTo(ChangeTicket.Status.IN_PROGRESS);
    assertThat(variable(request, VERIFICATION_SUMMARY).toString())
        .contains("QA validation: FAILED - Refund totals");
  }

  @Test
  void shouldStartNothingWhenTheRequestIsInvalid() {
    Map<String, Object> form = validRequest();
    form.put(WINDOW_END, "2020-01-01T10:00Z");
    form.put(ON_CALL_EMAIL, "olivia-at-example");
    form.remove(ROLLBACK_PLAN);
    // every request there is, ended or not
    List<String> before = requestIds();

    Throwable thrown = catchThrowable(() -> submit(REQUESTER, form));

    assertThat(validationFailure(thrown).problems())
        .anyMatch(p -> p.contains("must end after it starts"))
        .anyMatch(p -> p.contains("'olivia-at-example' is not a valid email address"))
        .anyMatch(p -> p.contains("Rollback plan is required"));
    assertThat(requestIds()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void shouldStartNothingWhenTheHealthCheckUrlNamesAHostChecksMayNotCall() {
    Map<String, Object> form = validRequest();
    form.put(HEALTH_CHECK_URL, "http://internal.db:5432/");
    List<String> before = requestIds();

    Throwable thrown = catchThrowable(() -> submit(REQUESTER, form));

    assertThat(validationFailure(thrown).problems())
        .containsExactly(
            "Health-check URL: host internal.db:5432 is not among the hosts health checks may"
                + " call (deployment-request.health.allowed-hosts): localhost, 127.0.0.1,"
                + " *.example.com.");
    assertThat(requestIds()).containsExactlyInAnyOrderElementsOf(before);
  }

  private List<String> requestIds() {
    return historyService.createHistoricProcessInstanceQuery().list().stream()
        .map(HistoricProcessInstance::getId)
        .toList();
  }

  @Test
  void shouldRefuseAWindowInThePast() {
    Map<String, Object> form = validRequest();
    form.put(WINDOW_START, "2021-03-01T10:00Z");
    form.put(WINDOW_END, "2021-03-01T11:00Z");

    Throwable thrown = catchThrowable(() -> submit(REQUESTER, form));

    assertThat(validationFailure(thrown).problems())
        .anyMatch(p -> p.contains("starts in the past"));
  }

  @Test
  void shouldKeepTheReviewOpenWhenAnApprovalSkipsReviewPoints() {
    ProcessInstance request = submit(REQUESTER, validRequest());
    runDueJobs(request);
    Map<String, Object> review = new HashMap<>(TestRequests.review(Value.DECISION_APPROVE, ""));
    review.put(REVIEW_SECURITY_AND_COMPLIANCE, false);

    Throwable thrown = catchThrowable(() -> complete(request, REVIEW_REQUEST, REVIEWER, review));

    assertThat(validationFailure(thrown).getMessage()).contains("all five review points");
    Task stillOpen = task(request, REVIEW_REQUEST);
    assertThat(stillOpen).isNotNull();
    assertThat(variable(request, REVIEW_DECISION)).isNull();
  }

  @Test
  void shouldShowAnIncidentAtTheArchiveAndKeepTheReviewDoneWhenArchivingFails() throws Exception {
    // given a request whose record cannot be written (its PDF's place is taken)
    ProcessInstance request = submit(REQUESTER, validRequest());
    runDueJobs(request);
    Path blocked = blockArchive(request.getBusinessKey());

    // when DevSecOps rejects it and the archive job runs out of retries
    complete(
        request,
        REVIEW_REQUEST,
        REVIEWER,
        TestRequests.review(Value.DECISION_REJECT, "No business case"));
    managementService.executeJob(job(request, GATEWAY_REVIEW_DECISION).getId());
    Job archiveJob = failUntilIncident(request, ARCHIVE_REJECTION_RECORD);

    // then Cockpit shows the incident there, the review stays done and no mail went out
    assertThat(request).isWaitingAt(ARCHIVE_REJECTION_RECORD).hasPassed(REVIEW_REQUEST);
    assertThat(taskService.createTaskQuery().processInstanceId(request.getId()).count()).isZero();
    assertThat(subjects())
        .noneMatch(subject -> subject.contains(" - Deployment Request Rejected - "));
    assertThat(archive.find(request.getBusinessKey())).isEmpty();

    // and once the cause is fixed, an admin's retry finishes the request
    Files.delete(blocked);
    managementService.setJobRetries(archiveJob.getId(), 1);
    managementService.executeJob(archiveJob.getId());
    runDueJobs(request);
    assertThat(request).isEnded().hasPassed(SEND_REJECTION_EMAIL, END_REJECTED);
    assertThat(archive.find(request.getBusinessKey())).isPresent();
  }

  @Test
  void shouldShowAnIncidentAtTheTicketMoveAndKeepTheRollBackDoneWhenTheMoveFails() {
    // given a deployment being rolled back whose ticket was closed by hand in the meantime
    ProcessInstance request = executedSuccessfully(Map.of());
    complete(
        request,
        VERIFY_HEALTH,
        OPERATOR,
        Map.of(HEALTH_CHECKS_PASSED, false, DASHBOARDS_REVIEWED, true, HEALTH_CHECK_NOTES, "5xx"));
    runDueJobs(request);
    tickets.cancelIfOpen(request.getBusinessKey(), "admin", "Closed in the change tool");

    // when the roll-back is done and the ticket move cannot be made
    complete(
        request,
        ROLL_BACK_DEPLOYMENT,
        OPERATOR,
        Map.of(ROLLBACK_COMPLETED, true, ROLLBACK_NOTES, "2.4.0 redeployed, health green"));
    failUntilIncident(request, MARK_CHANGE_ROLLED_BACK);

    // then the roll-back stays done, the incident is at the move, and nothing after it ran
    assertThat(request)
        .isWaitingAt(MARK_CHANGE_ROLLED_BACK)
        .hasPassed(ROLL_BACK_DEPLOYMENT)
        .hasNotPassed(SEND_ROLLBACK_EMAIL);
    assertThat(task(request, ROLL_BACK_DEPLOYMENT)).isNull();
    assertThat(
            runtimeService
                .createIncidentQuery()
                .processInstanceId(request.getId())
                .singleResult()
                .getIncidentMessage())
        .contains("CANCELLED", "cannot move to ROLLED_BACK");
  }

  @Test
  void shouldCancelTheOpenTicketWhenTheRequestIsDeletedWhileItsMoveWaits() {
    // given a deployment whose verification passed, the ticket's move to completed not yet run
    ProcessInstance request = executedSuccessfully(Map.of());
    complete(
        request,
        VERIFY_HEALTH,
        OPERATOR,
        Map.of(HEALTH_CHECKS_PASSED, true, DASHBOARDS_REVIEWED, true));
    assertThat(request).isWaitingAt(CLOSE_CHANGE_TICKET);

    // when an admin deletes the request in Cockpit
    signIn("admin");
    try {
      runtimeService.deleteProcessInstance(request.getId(), "Cancelled by the team");
    } finally {
      identityService.clearAuthentication();
    }

    // then the ticket is cancelled, by the admin, not completed
    ChangeTicket ticket = tickets.findByRequestNumber(request.getBusinessKey()).orElseThrow();
    assertThat(ticket.status()).isEqualTo(ChangeTicket.Status.CANCELLED);
    assertThat(tickets.details(ticket.ticketNumber()).orElseThrow().events())
        .last()
        .satisfies(event -> assertThat(event.by()).isEqualTo("admin"));
  }

  /**
   * A request as it stands when its deployment succeeded: submitted, approved, scheduled with its
   * change ticket in progress, executed. Started before the verification fork, as an admin would
   * with "start before" in Cockpit, instead of playing every step before it.
   */
  private ProcessInstance executedSuccessfully(Map<String, Object> request) {
    String number = numbers.next("DR", properties.timeZone());
    Map<String, Object> variables = new HashMap<>(validRequest());
    variables.putAll(request);
    variables.put(REQUEST_NUMBER, number);
    variables.put(Var.REQUESTER, REQUESTER);
    variables.put(REQUESTER_NAME, "Dana Developer");
    variables.put(REQUESTER_EMAIL, "dana@example.com");
    variables.put(REQUESTED_AT, Date.from(TestClock.now()));
    variables.put(SUBMITTED_AT, Date.from(TestClock.now()));
    variables.put(REVISION, 1);
    variables.put(WITHDRAW_REQUEST, false);
    variables.put(Var.REVIEWER, REVIEWER);
    variables.put(REVIEW_DECISION, Value.DECISION_APPROVE);
    variables.put(RISK_LEVEL, "medium");
    variables.put(CONFIRMED_WINDOW_START, variables.get(WINDOW_START));
    variables.put(CONFIRMED_WINDOW_END, variables.get(WINDOW_END));
    variables.put(ROLLBACK_PROCEDURE_CONFIRMED, true);
    variables.put(SCHEDULED_BY, REVIEWER);
    variables.put(CALENDAR_SEQUENCE, 0);
    variables.put(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS);
    // as after a watch window whose checks do not verify on their own
    variables.put(DeploymentRequestProcess.Data.HEALTH_VERIFIED_AUTOMATICALLY.name(), false);
    ProcessInstance instance =
        runtimeService
            .createProcessInstanceByKey(DeploymentRequestProcess.KEY)
            .businessKey(number)
            .setVariables(variables)
            .startBeforeActivity(GATEWAY_VERIFICATION_FORK)
            .execute();
    ChangeTicket ticket =
        tickets.open(
            new ChangeTicketService.NewTicket(
                number,
                instance.getId(),
                "Payments",
                "payments-api",
                "2.4.1",
                "production",
                TestClock.now(),
                TestClock.now().plus(Duration.ofHours(2)),
                "Redeploy 2.4.0",
                REVIEWER,
                REVIEWER));
    tickets.move(number, ChangeTicket.Status.IN_PROGRESS, null, "Deployment window opened");
    runtimeService.setVariable(instance.getId(), CHANGE_TICKET_NUMBER, ticket.ticketNumber());
    return instance;
  }

  /**
   * Sends the requester's confirmation, the job beside the checklist check that a job executor
   * would run at once, first: the mails then come in one order.
   */
  private void confirm(ProcessInstance request) {
    Job confirmation = job(request, SEND_CONFIRMATION_EMAIL);
    assertThat(confirmation).as("the confirmation's job").isNotNull();
    managementService.executeJob(confirmation.getId());
  }

  private Job job(ProcessInstance request, String activityId) {
    return managementService
        .createJobQuery()
        .processInstanceId(request.getId())
        .activityId(activityId)
        .singleResult();
  }

  /** Runs the element's job until it is out of retries, as the job executor would. */
  private Job failUntilIncident(ProcessInstance request, String activityId) {
    Job job = job(request, activityId);
    for (int attempt = 0; attempt < 10 && job.getRetries() > 0; attempt++) {
      String id = job.getId();
      assertThat(catchThrowable(() -> managementService.executeJob(id))).isNotNull();
      job = managementService.createJobQuery().jobId(id).singleResult();
    }
    assertThat(job.getRetries()).isZero();
    assertThat(
            runtimeService
                .createIncidentQuery()
                .processInstanceId(request.getId())
                .activityId(activityId)
                .count())
        .isEqualTo(1);
    return job;
  }

  /** A folder where the request's archived PDF would go: writing the record fails. */
  private Path blockArchive(String requestNumber) throws Exception {
    // the archive's folder as configured (the test profile draws a random one)
    Path archiveDirectory = properties.archive().directory();
    Path blocked =
        archiveDirectory.resolve(requestNumber.split("-")[1]).resolve(requestNumber + ".pdf");
    Files.createDirectories(blocked);
    return blocked;
  }

  private static String pdfAttachment(MimeMessage mail) throws Exception {
    Multipart multipart = (Multipart) mail.getContent();
    for (int i = 0; i < multipart.getCount(); i++) {
      Part part = multipart.getBodyPart(i);
      if (part.isMimeType("application/pdf")) {
        return part.getFileName();
      }
    }
    return null;
  }

  private void approveAndSchedule(ProcessInstance request) {
    complete(
        request,
        REVIEW_REQUEST,
        REVIEWER,
        TestRequests.review(Value.DECISION_APPROVE, "Looks good"));
    assertThat(request).isWaitingAt(GATEWAY_REVIEW_DECISION);
    runDueJobs(request);
    assertThat(request).isWaitingAt(SCHEDULE_DEPLOYMENT);
    assertThat(variable(request, CONFIRMED_WINDOW_START))
        .isEqualTo(variable(request, WINDOW_START));
    complete(request, SCHEDULE_DEPLOYMENT, REVIEWER, TestRequests.scheduleNow());
    runDueJobs(request);
  }

  private String historicTaskId(ProcessInstance instance, String taskKey) {
    return engine
        .getHistoryService()
        .createHistoricTaskInstanceQuery()
        .processInstanceId(instance.getId())
        .taskDefinitionKey(taskKey)
        .singleResult()
        .getId();
  }

  private Object variable(ProcessInstance instance, String name) {
    return runtimeService.getVariable(instance.getId(), name);
  }

  private static List<String> addresses(MimeMessage mail, RecipientType type) throws Exception {
    return mail.getRecipients(type) == null
        ? List.of()
        : Arrays.stream(mail.getRecipients(type))
            .map(address -> ((InternetAddress) address).getAddress())
            .toList();
  }
}
