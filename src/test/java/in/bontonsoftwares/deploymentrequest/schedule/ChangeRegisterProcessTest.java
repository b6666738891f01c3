package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static in.bontonsoftwares.deploymentrequest.schedule.ChangeTicket.Status.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessTestSupport;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The change register moves with the process: deployed, rolled back, rescheduled and cancelled
 * requests.
 */
@DependsOnTime
class ChangeRegisterProcessTest extends ProcessTestSupport {

  private static final String REQUESTER = "dana";
  private static final String REVIEWER = "sofia";
  private static final String OPERATOR = "sam";

  @Autowired ChangeTicketService tickets;

  @Test
  void shouldCompleteTheTicketWhenTheDeploymentIsVerified() {
    // given a scheduled request whose window opens now
    ProcessInstance request = approvedAndScheduled();
    ChangeTicket scheduled = ticket(request);
    assertThat(scheduled.status()).isEqualTo(SCHEDULED);
    assertThat(scheduled.startedAt()).isNull();

    // when the window opens, the deployment is executed and verified
    runDueJobs(request);
    assertThat(ticket(request).status()).isEqualTo(IN_PROGRESS);
    assertThat(ticket(request).startedAt()).isNotNull();
    complete(
        request, EXECUTE_DEPLOYMENT, OPERATOR, Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS));
    complete(
        request,
        VERIFY_HEALTH,
        OPERATOR,
        Map.of(HEALTH_CHECKS_PASSED, true, DASHBOARDS_REVIEWED, true));
    assertThat(ticket(request).status())
        .as("moved by its own task, after the save point")
        .isEqualTo(IN_PROGRESS);
    assertThat(request).isWaitingAt(CLOSE_CHANGE_TICKET);
    runDueJobs(request);

    // then the ticket is completed, with a timestamped event per move
    assertThat(request).hasPassedInOrder(CLOSE_CHANGE_TICKET, SEND_STATUS_EMAIL);
    ChangeTicket completed = ticket(request);
    assertThat(completed.status()).isEqualTo(COMPLETED);
    assertThat(completed.finishedAt()).isNotNull().isAfterOrEqualTo(completed.startedAt());
    List<ChangeTicketEvent> events = events(request);
    assertThat(events)
        .extracting(ChangeTicketEvent::from, ChangeTicketEvent::to)
        .containsExactly(
            tuple(null, SCHEDULED), tuple(SCHEDULED, IN_PROGRESS), tuple(IN_PROGRESS, COMPLETED));
    assertThat(events).extracting(ChangeTicketEvent::by).containsExactly(REVIEWER, null, OPERATOR);
    assertThat(events.get(2).note()).contains("Health checks: passed");
    assertThat(events).allMatch(event -> event.at() != null);

    // and the rest of the request leaves it alone
    runDueJobs(request);
    complete(request, DOCUMENT_DEPLOYMENT, OPERATOR, TestRequests.documentation());
    runDueJobs(request);
    assertThat(request).isEnded().hasPassed(END_DEPLOYED);
    assertThat(events(request)).hasSize(3);
    assertThat(ticket(request).status()).isEqualTo(COMPLETED);
  }

  @Test
  void shouldAddNoSecondEventWhenAMoveOrTheTicketJobRunsAgain() {
    ProcessInstance request = approvedAndScheduled();
    runDueJobs(request);
    String number = request.getBusinessKey();
    ChangeTicket inProgress = ticket(request);

    assertThat(request).hasPassedInOrder(TIMER_WINDOW_OPENS, MARK_CHANGE_IN_PROGRESS);
    // the timer job and the ticket jobs, as if they ran a second time
    ChangeTicket again = tickets.move(number, IN_PROGRESS, null, "Deployment window opened");
    ChangeTicket reopened =
        tickets.open(
            new ChangeTicketService.NewTicket(
                number,
                request.getId(),
                "Payments",
                "payments-api",
                "2.4.1",
                "production",
                inProgress.windowStart(),
                inProgress.windowEnd(),
                "Redeploy 2.4.0",
                REVIEWER,
                REVIEWER));

    assertThat(again).isEqualTo(inProgress);
    assertThat(reopened.ticketNumber()).isEqualTo(inProgress.ticketNumber());
    assertThat(reopened.status()).isEqualTo(IN_PROGRESS);
    assertThat(events(request)).hasSize(2);
  }

  @Test
  void shouldMarkTheTicketRolledBackAndRefuseToCompleteItAfterwards() {
    ProcessInstance request = approvedAndScheduled();
    runDueJobs(request);

    complete(
        request,
        EXECUTE_DEPLOYMENT,
        OPERATOR,
        Map.of(
            EXECUTION_OUTCOME,
            Value.OUTCOME_CRITICAL_ISSUE,
            EXECUTION_NOTES,
            "Migration locked the refunds table"));
    assertThat(ticket(request).status())
        .as("in progress until the roll-back is done")
        .isEqualTo(IN_PROGRESS);
    complete(
        request,
        ROLL_BACK_DEPLOYMENT,
        OPERATOR,
        Map.of(ROLLBACK_COMPLETED, true, ROLLBACK_NOTES, "2.4.0 redeployed, health green"));
    assertThat(request).isWaitingAt(MARK_CHANGE_ROLLED_BACK);
    runDueJobs(request);

    ChangeTicket rolledBack = ticket(request);
    assertThat(rolledBack.status()).isEqualTo(ROLLED_BACK);
    assertThat(rolledBack.finishedAt()).isNotNull();
    assertThat(events(request))
        .extracting(ChangeTicketEvent::to)
        .containsExactly(SCHEDULED, IN_PROGRESS, ROLLED_BACK);
    assertThat(events(request).get(2).note()).isEqualTo("2.4.0 redeployed, health green");
    assertThat(events(request).get(2).by()).isEqualTo(OPERATOR);

    // a final status is final
    Throwable refused =
        catchThrowable(() -> tickets.move(request.getBusinessKey(), COMPLETED, OPERATOR, null));
    assertThat(refused)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ROLLED_BACK")
        .hasMessageContaining("cannot move to COMPLETED");
    assertThat(ticket(request).status()).isEqualTo(ROLLED_BACK);
    assertThat(events(request)).hasSize(3);

    runDueJobs(request);
    complete(request, DOCUMENT_DEPLOYMENT, OPERATOR, TestRequests.documentation());
    runDueJobs(request);
    assertThat(request).isEnded().hasPassed(END_ROLLED_BACK);
    assertThat(ticket(request).status())
        .as("not cancelled by the end of the request")
        .isEqualTo(ROLLED_BACK);
  }

  @Test
  void shouldGoBackToSchedulingAndMoveTheTicketToTheNewWindowWhenTheWindowIsNotUsable() {
    ProcessInstance request = approvedAndScheduled();
    runDueJobs(request);
    ChangeTicket first = ticket(request);

    // when the operator finds the window unusable
    Throwable withoutReason =
        catchThrowable(
            () ->
                complete(
                    request,
                    EXECUTE_DEPLOYMENT,
                    OPERATOR,
                    Map.of(EXECUTION_OUTCOME, Value.OUTCOME_RESCHEDULE)));
    assertThat(validationFailure(withoutReason).problems())
        .anyMatch(p -> p.contains("why the window cannot be used"));
    complete(
        request,
        EXECUTE_DEPLOYMENT,
        OPERATOR,
        Map.of(
            EXECUTION_OUTCOME,
            Value.OUTCOME_RESCHEDULE,
            EXECUTION_NOTES,
            "Payment provider maintenance tonight"));

    // then scheduling comes back, the ticket is scheduled again and the next execution starts
    // without an outcome
    assertThat(request).isWaitingAt(RETURN_CHANGE_TO_SCHEDULED);
    runDueJobs(request);
    assertThat(request)
        .isWaitingAt(SCHEDULE_DEPLOYMENT)
        .hasPassedInOrder(
            EXECUTE_DEPLOYMENT,
            GATEWAY_EXECUTION_OUTCOME,
            RETURN_CHANGE_TO_SCHEDULED,
            RESET_EXECUTION_OUTCOME)
        .hasNotPassed(VERIFY_HEALTH, ROLL_BACK_DEPLOYMENT);
    assertThat(ticket(request).status()).isEqualTo(SCHEDULED);
    assertThat(ticket(request).startedAt()).isNull();
    assertThat(runtimeService.getVariable(request.getId(), EXECUTION_OUTCOME)).isNull();
    ChangeTicketEvent back = events(request).get(2);
    assertThat(back.from()).isEqualTo(IN_PROGRESS);
    assertThat(back.to()).isEqualTo(SCHEDULED);
    assertThat(back.by()).isEqualTo(OPERATOR);
    assertThat(back.note()).contains("Payment provider maintenance tonight");

    // when DevSecOps confirms a new window tomorrow
    Instant tomorrow = TestClock.now().plus(Duration.ofDays(1));
    Map<String, Object> schedule = new HashMap<>(TestRequests.scheduleNow());
    schedule.put(CONFIRMED_WINDOW_START, WindowTime.store(tomorrow));
    schedule.put(CONFIRMED_WINDOW_END, WindowTime.store(tomorrow.plus(Duration.ofHours(1))));
    complete(request, SCHEDULE_DEPLOYMENT, "sam", schedule);
    runDueJobs(request);

    // then the same ticket has the new window, an event says so, and the process waits for the new
    // window
    ChangeTicket moved = ticket(request);
    assertThat(moved.ticketNumber()).isEqualTo(first.ticketNumber());
    assertThat(moved.status()).isEqualTo(SCHEDULED);
    assertThat(WindowTime.store(moved.windowStart())).isEqualTo(WindowTime.store(tomorrow));
    assertThat(moved.windowStart()).isAfter(first.windowStart());
    assertThat(request).isWaitingAt(TIMER_WINDOW_OPENS);
    assertThat(events(request))
        .extracting(ChangeTicketEvent::to)
        .containsExactly(SCHEDULED, IN_PROGRESS, SCHEDULED, SCHEDULED);
    ChangeTicketEvent rescheduled = events(request).get(3);
    assertThat(rescheduled.from()).isEqualTo(SCHEDULED);
    assertThat(rescheduled.by()).isEqualTo("sam");
    assertThat(rescheduled.note()).startsWith("Rescheduled from");

    // and when the new window opens, the deployment goes on as usual
    Job timer =
        managementService
            .createJobQuery()
            .processInstanceId(request.getId())
            .activityId(TIMER_WINDOW_OPENS)
            .singleResult();
    managementService.executeJob(timer.getId());
    assertThat(request).isWaitingAt(MARK_CHANGE_IN_PROGRESS);
    runDueJobs(request);
    assertThat(request).isWaitingAt(EXECUTE_DEPLOYMENT);
    assertThat(ticket(request).status()).isEqualTo(IN_PROGRESS);
    complete(
        request, EXECUTE_DEPLOYMENT, OPERATOR, Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS));
    complete(
        request,
        VERIFY_HEALTH,
        OPERATOR,
        Map.of(HEALTH_CHECKS_PASSED, true, DASHBOARDS_REVIEWED, true));
    runDueJobs(request);
    assertThat(ticket(request).status()).isEqualTo(COMPLETED);
    assertThat(events(request))
        .extracting(ChangeTicketEvent::to)
        .containsExactly(SCHEDULED, IN_PROGRESS, SCHEDULED, SCHEDULED, IN_PROGRESS, COMPLETED);
  }

  @Test
  void shouldCancelTheTicketWhenTheScheduledRequestIsCancelled() {
    // given a request scheduled for tomorrow, waiting for its window
    ProcessInstance request = submit(REQUESTER, validRequest());
    runDueJobs(request);
    complete(
        request,
        REVIEW_REQUEST,
        REVIEWER,
        TestRequests.review(Value.DECISION_APPROVE, "Looks good"));
    runDueJobs(request);
    Map<String, Object> schedule = new HashMap<>(TestRequests.scheduleNow());
    Instant tomorrow = TestClock.now().plus(Duration.ofDays(1));
    schedule.put(CONFIRMED_WINDOW_START, WindowTime.store(tomorrow));
    schedule.put(CONFIRMED_WINDOW_END, WindowTime.store(tomorrow.plus(Duration.ofHours(1))));
    complete(request, SCHEDULE_DEPLOYMENT, REVIEWER, schedule);
    runDueJobs(request);
    assertThat(request).isWaitingAt(TIMER_WINDOW_OPENS);

    // when an admin cancels it (Cockpit's "cancel process instance")
    signIn("admin");
    try {
      runtimeService.deleteProcessInstance(request.getId(), "Withdrawn by the team");
    } finally {
      identityService.clearAuthentication();
    }

    // then the ticket is cancelled; the window never opened
    ChangeTicket cancelled = ticket(request);
    assertThat(cancelled.status()).isEqualTo(CANCELLED);
    assertThat(cancelled.startedAt()).isNull();
    assertThat(cancelled.finishedAt()).isNotNull();
    assertThat(events(request))
        .extracting(ChangeTicketEvent::to)
        .containsExactly(SCHEDULED, CANCELLED);
    assertThat(events(request).get(1).by()).isEqualTo("admin");
  }

  private ProcessInstance approvedAndScheduled() {
    ProcessInstance request = submit(REQUESTER, validRequest());
    runDueJobs(request);
    complete(
        request,
        REVIEW_REQUEST,
        REVIEWER,
        TestRequests.review(Value.DECISION_APPROVE, "Looks good"));
    runDueJobs(request);
    complete(request, SCHEDULE_DEPLOYMENT, REVIEWER, TestRequests.scheduleNow());
    // the ticket job and the confirmation mail, not yet the window's timer
    for (String step : List.of(CREATE_CHANGE_TICKET, SEND_SCHEDULE_CONFIRMATION)) {
      managementService.executeJob(
          managementService
              .createJobQuery()
              .processInstanceId(request.getId())
              .activityId(step)
              .singleResult()
              .getId());
    }
    assertThat(request).isWaitingAt(TIMER_WINDOW_OPENS);
    return request;
  }

  private ChangeTicket ticket(ProcessInstance request) {
    return tickets.findByRequestNumber(request.getBusinessKey()).orElseThrow();
  }

  private List<ChangeTicketEvent> events(ProcessInstance request) {
    return tickets.details(ticket(request).ticketNumber()).orElseThrow().events();
  }
}
