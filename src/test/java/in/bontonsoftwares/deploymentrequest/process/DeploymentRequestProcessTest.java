package in.bontonsoftwares.deploymentrequest.process;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** Every path through the Deployment Request process, played by the people of the policy. */
@DependsOnTime
class DeploymentRequestProcessTest extends ProcessTestSupport {

  private static final String REQUESTER = "dana";
  private static final String REVIEWER = "sofia";
  private static final String OPERATOR = "sam";
  private static final String QA = "quinn";

  @Test
  void shouldDeployWhenRequestIsApprovedExecutedAndVerified() throws Exception {
    // given a complete request
    ProcessInstance request = submit(REQUESTER, validRequest());
    assertThat(request).isWaitingAt(SEND_REQUEST_EMAIL);
    assertThat(request.getBusinessKey()).matches("DR-\\d{4}-\\d{4}");

    // when it is submitted, approved, scheduled, executed, verified and documented
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
    assertThat(request).isWaitingAt(VERIFY_HEALTH).isNotWaitingAt(RUN_SMOKE_TESTS, VALIDATE_QA);
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
            SEND_REQUEST_EMAIL,
            CREATE_CHANGE_TICKET,
            SEND_SCHEDULE_CONFIRMATION,
            TIMER_WINDOW_OPENS,
            SEND_STATUS_EMAIL,
            SEND_DOCUMENTATION_EMAIL,
            END_DEPLOYED)
        .hasNotPassed(SEND_CHECKLIST_INCOMPLETE_EMAIL, ROLL_BACK_DEPLOYMENT);
    String date = requestDate(request).format(DateTimeFormatter.ISO_LOCAL_DATE);
    assertThat(subjects())
        .containsExactly(
            "Payments - Production - Deployment Request - " + date,
            "Payments - Production - Deployment Scheduled - " + date,
            "Payments - Production - Deployment Status - " + date,
            "Payments - Production - Deployment Record - " + date);
    MimeMessage requestMail = mails().get(0);
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
    MimeMessage scheduled = mails().get(1);
    assertThat(addresses(scheduled, RecipientType.CC))
        .contains(
            "product@example.com", "support@example.com", "olivia@example.com", "dana@example.com");
    assertThat(text(mails().get(3)))
        .contains(
            "Review deployment request",
            "by sofia",
            "Execute deployment",
            "by sam",
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
    for (MimeMessage mail : mails().subList(1, 4)) {
      assertThat(mail.getHeader("References")[0])
          .isEqualTo("<" + request.getBusinessKey() + "@bontonsoftwares.in>");
    }
  }

  @Test
  void shouldRunSmokeTestsAndQaValidationInParallelWhenTheRequestSaysTheyApply() throws Exception {
    Map<String, Object> form = validRequest();
    form.put(SMOKE_TESTS_APPLY, true);
    form.put(QA_VALIDATION_APPLIES, true);
    ProcessInstance request = submit(REQUESTER, form);
    runDueJobs(request);
    approveAndSchedule(request);

    complete(
        request, EXECUTE_DEPLOYMENT, OPERATOR, Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS));

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
    assertThat(text(mails().get(3))).contains("Smoke tests: passed", "QA validation: passed");
  }

  @Test
  void shouldReturnTheChecklistToTheRequesterWhenItIsIncomplete() throws Exception {
    Map<String, Object> form = validRequest();
    form.put("checklistOwnerApproval", false);
    form.put("checklistMonitoringReady", false);

    ProcessInstance request = submit(REQUESTER, form);

    assertThat(request).isWaitingAt(SEND_CHECKLIST_INCOMPLETE_EMAIL);
    runDueJobs(request);
    assertThat(request).isWaitingAt(COMPLETE_CHECKLIST);
    assertThat(task(request, COMPLETE_CHECKLIST).getAssignee()).isEqualTo(REQUESTER);
    MimeMessage returned = mails().get(0);
    assertThat(returned.getSubject()).contains(" - Checklist Incomplete - ");
    assertThat(addresses(returned, RecipientType.TO)).containsExactly("dana@example.com");
    assertThat(text(returned))
        .contains("- Business/product owner approval", "- Monitoring, alerts and dashboards")
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
    runDueJobs(request);

    complete(
        request,
        COMPLETE_CHECKLIST,
        REQUESTER,
        Map.of(WITHDRAW_REQUEST, true, WITHDRAWAL_REASON, "Release moved to next sprint"));
    runDueJobs(request);

    assertThat(request).isEnded().hasPassed(END_WITHDRAWN).hasNotPassed(SEND_REQUEST_EMAIL);
    MimeMessage withdrawn = mails().get(1);
    assertThat(withdrawn.getSubject()).contains(" - Deployment Request Withdrawn - ");
    assertThat(addresses(withdrawn, RecipientType.CC)).isEmpty();
    assertThat(text(withdrawn)).contains("Release moved to next sprint");
  }

  @Test
  void shouldResubmitAsRevisionTwoWhenDevSecOpsRequestsChanges() throws Exception {
    ProcessInstance request = submit(REQUESTER, validRequest());
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
    MimeMessage changes = mails().get(1);
    assertThat(changes.getSubject()).contains(" - Changes Requested - ");
    assertThat(addresses(changes, RecipientType.TO)).containsExactly("dana@example.com");
    assertThat(text(changes)).contains("Add the database migration's rollback script");

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
    MimeMessage resubmitted = mails().get(2);
    assertThat(resubmitted.getSubject()).contains(" - Deployment Request (Revision 2) - ");
    assertThat(text(resubmitted)).contains("Revision 2", "2.4.2", "Rollback script added");
    assertThat(resubmitted.getMessageID()).isNotEqualTo(mails().get(0).getMessageID());
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
        .hasPassed(SEND_REJECTION_EMAIL, END_REJECTED)
        .hasNotPassed(SCHEDULE_DEPLOYMENT);
    MimeMessage rejected = mails().get(1);
    assertThat(rejected.getSubject()).contains(" - Deployment Request Rejected - ");
    assertThat(addresses(rejected, RecipientType.CC))
        .containsExactly("devsecops@bontonsoftwares.in");
    assertThat(text(rejected)).contains("No business case", "Reviewer: sofia");
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

    assertThat(request).isEnded().hasPassed(END_WITHDRAWN);
    assertThat(addresses(mails().get(2), RecipientType.CC))
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
    MimeMessage escalation = mails().get(1);
    assertThat(escalation.getSubject()).contains(" - Review Overdue - ");
    assertThat(addresses(escalation, RecipientType.TO))
        .containsExactly("devsecops@bontonsoftwares.in");
    assertThat(addresses(escalation, RecipientType.CC)).containsExactly("dana@example.com");
  }

  @Test
  void shouldRollBackAndDocumentWhenExecutionHitsACriticalIssue() throws Exception {
    ProcessInstance request = submit(REQUESTER, validRequest());
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
    assertThat(request).isWaitingAt(ROLL_BACK_DEPLOYMENT).isNotWaitingAt(VERIFY_HEALTH);
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
        .hasPassed(SEND_ROLLBACK_EMAIL, END_ROLLED_BACK)
        .hasNotPassed(END_DEPLOYED);
    assertThat(subjects()).anyMatch(subject -> subject.contains(" - Deployment Rolled Back - "));
    assertThat(text(mails().get(mails().size() - 1)))
        .contains("outcome rolled back", "Migration locked the refunds table", "2.4.0 redeployed");
  }

  @Test
  void shouldRollBackWhenAVerificationFails() {
    Map<String, Object> form = validRequest();
    form.put(QA_VALIDATION_APPLIES, true);
    ProcessInstance request = submit(REQUESTER, form);
    runDueJobs(request);
    approveAndSchedule(request);
    complete(
        request, EXECUTE_DEPLOYMENT, OPERATOR, Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS));

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

    assertThat(request)
        .isWaitingAt(ROLL_BACK_DEPLOYMENT)
        .hasPassed(EVALUATE_VERIFICATION)
        .hasNotPassed(SEND_STATUS_EMAIL);
    assertThat(variable(request, VERIFICATION_SUMMARY).toString())
        .contains("QA validation: FAILED - Refund totals");
  }

  @Test
  void shouldStartNothingWhenTheRequestIsInvalid() {
    Map<String, Object> form = validRequest();
    form.put(WINDOW_END, "2020-01-01T10:00Z");
    form.put(ON_CALL_EMAIL, "olivia-at-example");
    form.remove(ROLLBACK_PLAN);
    long before = runtimeService.createProcessInstanceQuery().count();

    Throwable thrown = catchThrowable(() -> submit(REQUESTER, form));

    assertThat(validationFailure(thrown).problems())
        .anyMatch(p -> p.contains("must end after it starts"))
        .anyMatch(p -> p.contains("'olivia-at-example' is not a valid email address"))
        .anyMatch(p -> p.contains("Rollback plan is required"));
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
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

  /** The plain-text part of a mail, decoded. */
  static String text(Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return part.getContent().toString();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = text(multipart.getBodyPart(i));
        if (!text.isEmpty()) {
          return text;
        }
      }
    }
    return "";
  }
}
