package in.bontonsoftwares.deploymentrequest.freeze;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.config.FreezeProperties.Declaration;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessTestSupport;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicket;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicketService;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A BLOCK freeze declared after a window was confirmed, before it opens: the request leaves "Wait
 * for the window" for "Schedule deployment" (message {@code WindowFrozen}), once, however often the
 * freeze is saved; the ticket notes why and stays scheduled; the requester is mailed once.
 */
@DependsOnTime
class FrozenWindowRescheduleTest extends ProcessTestSupport {

  @Autowired Freezes freezes;
  @Autowired FrozenWindows frozenWindows;
  @Autowired ChangeTicketService tickets;

  private String project;
  private Instant opens;

  @BeforeEach
  void projectOfItsOwn() {
    project = "Ledger-" + UUID.randomUUID().toString().substring(0, 8);
    opens = TestClock.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofDays(2));
  }

  @Test
  void shouldGiveDevSecOpsTheRescheduleOnceWhenAFreezeIsDeclaredOverAScheduledWindow()
      throws Exception {
    // given a request scheduled for a window two days ahead, waiting for it
    ProcessInstance request = scheduled(opens);
    assertThat(request).isWaitingAt(TIMER_WINDOW_OPENS);
    String ticket = variable(request, CHANGE_TICKET_NUMBER).toString();

    // when a BLOCK freeze over the window is declared, and saved once more unchanged
    Declaration declaration = block("Audit freeze " + project);
    Freeze freeze = freezes.create(declaration, "sofia");
    List<FrozenWindows.Affected> first = frozenWindows.announce(freeze);
    Freeze saved = freezes.update(freeze.id(), declaration, "sam");
    List<FrozenWindows.Affected> second = frozenWindows.announce(saved);

    // then the request is back at scheduling, with one task for DevSecOps and the reason to read
    assertThat(first).extracting(FrozenWindows.Affected::requestNumber).contains(number(request));
    assertThat(second).extracting(FrozenWindows.Affected::requestNumber).contains(number(request));
    runDueJobsButTimers(request);
    assertThat(request)
        .hasPassedInOrder(WINDOW_FROZEN, RETURN_CHANGE_TO_SCHEDULED, RESET_EXECUTION_OUTCOME)
        .hasNotPassed(MARK_CHANGE_IN_PROGRESS);
    assertThat(request).isWaitingAt(SCHEDULE_DEPLOYMENT);
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceId(request.getId())
                .taskDefinitionKey(SCHEDULE_DEPLOYMENT)
                .list())
        .singleElement()
        .satisfies(task -> assertThat(task).hasCandidateGroup("devsecops"));
    assertThat(
            managementService.createJobQuery().processInstanceId(request.getId()).timers().count())
        .as("the window's timer is gone")
        .isZero();
    assertThat(variable(request, EXECUTION_NOTES).toString())
        .contains("The window falls into the freeze \"" + freeze.name() + "\"");
    assertThat(variable(request, WINDOW_FROZEN_BY).toString()).startsWith(freeze.id() + "@");

    // and the ticket is still scheduled (its window never opened), noting why
    assertThat(tickets.find(ticket).orElseThrow().status())
        .isEqualTo(ChangeTicket.Status.SCHEDULED);
    assertThat(tickets.details(ticket).orElseThrow().events())
        .filteredOn(event -> event.note() != null && event.note().contains(freeze.name()))
        .singleElement()
        .satisfies(event -> assertThat(event.note()).startsWith("Window not usable: "));

    // and the requester and the mailbox were told once; DevSecOps heard of the task
    MimeMessage frozen = mail("Deployment Window Frozen");
    assertThat(frozen.getAllRecipients()).hasSize(2);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(taskNotices(request))
                    .filteredOn(notice -> notice.startsWith("Task Waiting: Schedule deployment"))
                    .contains("Task Waiting: Schedule deployment -> sam@example.com"));

    // when DevSecOps schedule a window after the freeze, a further save of it changes nothing
    complete(request, SCHEDULE_DEPLOYMENT, "sofia", window(opens.plus(Duration.ofDays(3))));
    runDueJobsButTimers(request);
    assertThat(request).isWaitingAt(TIMER_WINDOW_OPENS);
    frozenWindows.announce(freezes.update(freeze.id(), declaration, "sofia"));
    assertThat(request).isWaitingAt(TIMER_WINDOW_OPENS);
    assertThat(
            historyService
                .createHistoricActivityInstanceQuery()
                .processInstanceId(request.getId())
                .activityId(WINDOW_FROZEN)
                .count())
        .isOne();
  }

  @Test
  void shouldLeaveAScheduledWindowWaitingWhenTheFreezeOnlyWarns() {
    ProcessInstance request = scheduled(opens);

    Declaration warn = block("Heads-up " + project);
    Declaration declaration =
        new Declaration(
            warn.name(),
            warn.reason(),
            warn.environments(),
            warn.projects(),
            "WARN",
            warn.start(),
            warn.end(),
            null,
            null,
            null,
            null,
            null);
    frozenWindows.announce(freezes.create(declaration, "sofia"));

    assertThat(request).isWaitingAt(TIMER_WINDOW_OPENS).hasNotPassed(WINDOW_FROZEN);
  }

  /** A request of this test's project, approved and scheduled for {@code start}, waiting. */
  private ProcessInstance scheduled(Instant start) {
    Map<String, Object> fields = new HashMap<>(validRequest());
    fields.put(PROJECT_NAME, project);
    ProcessInstance request = submit("dana", fields);
    runDueJobs(request);
    complete(request, REVIEW_REQUEST, "sofia", TestRequests.review(Value.DECISION_APPROVE, "Ok"));
    runDueJobs(request);
    complete(request, SCHEDULE_DEPLOYMENT, "sofia", window(start));
    runDueJobsButTimers(request);
    return request;
  }

  private static Map<String, Object> window(Instant start) {
    Map<String, Object> schedule = TestRequests.scheduleNow();
    schedule.put(CONFIRMED_WINDOW_START, WindowTime.store(start));
    schedule.put(CONFIRMED_WINDOW_END, WindowTime.store(start.plus(Duration.ofHours(1))));
    return schedule;
  }

  /** A BLOCK freeze of this test's project from an hour before the window to an hour into it. */
  private Declaration block(String name) {
    return new Declaration(
        name,
        "Quarterly audit",
        List.of("production"),
        List.of(project),
        "BLOCK",
        opens.minus(Duration.ofHours(1)).toString(),
        opens.plus(Duration.ofMinutes(30)).toString(),
        null,
        null,
        null,
        null,
        null);
  }

  private static String number(ProcessInstance request) {
    return request.getBusinessKey();
  }

  private Object variable(ProcessInstance request, String name) {
    return runtimeService.getVariable(request.getId(), name);
  }
}
