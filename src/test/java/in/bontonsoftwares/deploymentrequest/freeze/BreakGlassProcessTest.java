package in.bontonsoftwares.deploymentrequest.freeze;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.archive.ArchivedRecord;
import in.bontonsoftwares.deploymentrequest.archive.RecordArchive;
import in.bontonsoftwares.deploymentrequest.config.FreezeProperties.Declaration;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessTestSupport;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicketService;
import in.bontonsoftwares.deploymentrequest.security.SeparationOfDutiesException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Break-glass: a confirmed window inside a BLOCK freeze, asked for with a justification in
 * "Schedule deployment", approved or refused in "Approve break-glass" by a second DevSecOps member
 * (never the requester, never the scheduler); recorded on the change ticket, in the scheduling mail
 * and in the deployment record; the freeze then no longer holds that window at the gate. Every test
 * has its own project, so that only its own freeze applies.
 */
@DependsOnTime
class BreakGlassProcessTest extends ProcessTestSupport {

  /** A developer who is also in DevSecOps: requests, and might approve their own break-glass. */
  private static final String THIRD = "bree";

  private static final String JUSTIFICATION =
      "Card payments fail for 3% of customers; the fix cannot wait for the freeze to end";

  @Autowired Freezes freezes;
  @Autowired FrozenWindows frozenWindows;
  @Autowired ChangeTicketService tickets;
  @Autowired RecordArchive archive;

  private String project;
  private Freeze freeze;
  private Instant now;

  @BeforeEach
  void declareAFreezeOverNow() {
    project = "Payments-" + UUID.randomUUID().toString().substring(0, 8);
    now = TestClock.now().truncatedTo(ChronoUnit.MINUTES);
    freeze =
        freezes.create(
            new Declaration(
                "Incident freeze " + project,
                "Payment incident under investigation",
                List.of("production"),
                List.of(project),
                "BLOCK",
                now.minus(Duration.ofHours(1)).toString(),
                now.plus(Duration.ofHours(3)).toString(),
                null,
                null,
                null,
                null,
                null),
            "sofia");
  }

  @AfterEach
  void removeTheThirdMember() {
    if (identityService.createUserQuery().userId(THIRD).count() > 0) {
      identityService.deleteMembership(THIRD, "developers");
      identityService.deleteMembership(THIRD, "devsecops");
      identityService.deleteUser(THIRD);
    }
  }

  @Test
  void shouldConfirmAWindowInTheFreezeWhenASecondDevSecOpsMemberApprovesTheBreakGlass()
      throws Exception {
    // given an approved request of dana's, scheduled by sofia into the freeze with a justification
    ProcessInstance request = approved("dana", "sofia");
    complete(request, SCHEDULE_DEPLOYMENT, "sofia", scheduleInTheFreeze(JUSTIFICATION));

    // then nothing is booked yet: DevSecOps decide on the break-glass first
    assertThat(request).isWaitingAt(APPROVE_BREAK_GLASS);
    assertThat(BpmnAwareTests.task(request)).hasCandidateGroup("devsecops").isNotAssigned();
    assertThat(variable(request, BREAK_GLASS_FREEZES).toString())
        .contains("\"" + freeze.name() + "\"");
    assertThat(variable(request, BREAK_GLASS_FREEZE_IDS)).isEqualTo(String.valueOf(freeze.id()));
    assertThat(tickets.findByRequestNumber(request.getBusinessKey())).isEmpty();

    // when sam approves it
    complete(
        request,
        APPROVE_BREAK_GLASS,
        "sam",
        Map.of(BREAK_GLASS_DECISION, Value.BREAK_GLASS_APPROVE, BREAK_GLASS_COMMENT, "Go ahead"));
    runDueJobsButTimers(request);

    // then the ticket is booked with the break-glass noted, and the schedule mail says so
    assertThat(request)
        .hasPassedInOrder(
            SCHEDULE_DEPLOYMENT,
            APPROVE_BREAK_GLASS,
            CREATE_CHANGE_TICKET,
            SEND_SCHEDULE_CONFIRMATION)
        .isWaitingAt(TIMER_WINDOW_OPENS);
    assertThat(variable(request, BREAK_GLASS_APPROVED)).isEqualTo(true);
    assertThat(variable(request, BREAK_GLASS_DECIDED_BY)).isEqualTo("sam");
    String ticket = variable(request, CHANGE_TICKET_NUMBER).toString();
    assertThat(tickets.details(ticket).orElseThrow().events())
        .filteredOn(event -> event.note() != null && event.note().startsWith("Break-glass"))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.by()).isEqualTo("sam");
              assertThat(event.note())
                  .contains(
                      "Break-glass approved by sam",
                      freeze.name(),
                      "scheduled by sofia",
                      JUSTIFICATION,
                      "Go ahead");
            });
    MimeMessage scheduled = mail("Deployment Scheduled");
    assertThat(text(scheduled))
        .contains("Break-glass", "Approved by Sam Operator", freeze.name(), JUSTIFICATION);

    // DevSecOps heard of the approval in their queue, but not the scheduler who just asked for it
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(taskNotices(request))
                    .contains("Task Waiting: Approve break-glass -> sam@example.com")
                    .doesNotContain("Task Waiting: Approve break-glass -> sofia@example.com"));

    // and saving the freeze again neither mails nor takes the request back to scheduling
    frozenWindows.announce(freeze);
    assertThat(request).isWaitingAt(TIMER_WINDOW_OPENS).hasNotPassed(WINDOW_FROZEN);
    assertThat(subjects()).noneMatch(subject -> subject.contains("Deployment Window Frozen"));

    // and the gate's freezes no longer hold this window, but they do hold everyone else's
    assertThat(freezes.holding("production", project, now, Set.of(freeze.id()))).isEmpty();
    assertThat(freezes.holding("production", project, now)).isPresent();

    // and the deployment record keeps the decision (JSON and PDF)
    runDueJobs(request);
    complete(request, EXECUTE_DEPLOYMENT, "sam", Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS));
    runDueJobs(request); // the watch window: no checks here, over at once
    complete(
        request,
        VERIFY_HEALTH,
        "sam",
        Map.of(HEALTH_CHECKS_PASSED, true, DASHBOARDS_REVIEWED, true));
    runDueJobs(request);
    complete(request, DOCUMENT_DEPLOYMENT, "sam", TestRequests.documentation());
    runDueJobs(request);
    assertThat(request).isEnded();
    ArchivedRecord record = archive.find(request.getBusinessKey()).orElseThrow();
    JsonNode json =
        new ObjectMapper().readTree(archive.read(record.jsonPath(), record.jsonSha256()));
    assertThat(json.get("breakGlass")).hasSize(1);
    JsonNode breakGlass = json.get("breakGlass").get(0);
    assertThat(breakGlass.get("decision").asText()).isEqualTo("approve");
    assertThat(breakGlass.get("decidedBy").asText()).isEqualTo("sam");
    assertThat(breakGlass.get("scheduledBy").asText()).isEqualTo("sofia");
    assertThat(breakGlass.get("justification").asText()).isEqualTo(JUSTIFICATION);
    assertThat(breakGlass.get("freezeIds").asText()).isEqualTo(String.valueOf(freeze.id()));
    assertThat(pdfText(archive.read(record.pdfPath(), record.pdfSha256())))
        .contains("Break-glass 1", "Sam Operator", JUSTIFICATION);
  }

  @Test
  void shouldSendTheRequestBackToSchedulingWithTheRefusalWhenTheBreakGlassIsRefused()
      throws Exception {
    ProcessInstance request = approved("dana", "sofia");
    complete(request, SCHEDULE_DEPLOYMENT, "sofia", scheduleInTheFreeze(JUSTIFICATION));

    // a refusal needs a reason
    Throwable bare =
        catchThrowable(
            () ->
                complete(
                    request,
                    APPROVE_BREAK_GLASS,
                    "sam",
                    Map.of(BREAK_GLASS_DECISION, Value.BREAK_GLASS_REFUSE)));
    assertThat(validationFailure(bare).problems())
        .containsExactly(
            "Say in the comment why the break-glass is refused; the scheduler reads it.");
    assertThat(request).isWaitingAt(APPROVE_BREAK_GLASS);

    // when sam refuses it with a reason
    complete(
        request,
        APPROVE_BREAK_GLASS,
        "sam",
        Map.of(
            BREAK_GLASS_DECISION,
            Value.BREAK_GLASS_REFUSE,
            BREAK_GLASS_COMMENT,
            "Not urgent enough: wait until the freeze ends"));

    // then scheduling is open again with the refusal to read, and nothing was booked
    assertThat(request).isWaitingAt(SCHEDULE_DEPLOYMENT).hasNotPassed(CREATE_CHANGE_TICKET);
    assertThat(variable(request, BREAK_GLASS_REFUSAL).toString())
        .isEqualTo(
            "Break-glass refused by Sam Operator: Not urgent enough: wait until the freeze ends");
    assertThat(variable(request, BREAK_GLASS_APPROVED)).isEqualTo(false);
    assertThat(tickets.findByRequestNumber(request.getBusinessKey())).isEmpty();

    // and a window after the freeze goes straight to the ticket, without a break-glass
    Map<String, Object> later = TestRequests.scheduleNow();
    Instant afterFreeze = now.plus(Duration.ofHours(4));
    later.put(CONFIRMED_WINDOW_START, WindowTime.store(afterFreeze));
    later.put(CONFIRMED_WINDOW_END, WindowTime.store(afterFreeze.plus(Duration.ofHours(1))));
    later.put(BREAK_GLASS_JUSTIFICATION, JUSTIFICATION);
    complete(request, SCHEDULE_DEPLOYMENT, "sofia", later);
    runDueJobsButTimers(request);
    assertThat(request).isWaitingAt(TIMER_WINDOW_OPENS);
    assertThat(variable(request, BREAK_GLASS_REQUESTED)).isEqualTo(false);
    assertThat(variable(request, BREAK_GLASS_JUSTIFICATION)).isNull();
    assertThat(variable(request, BREAK_GLASS_REFUSAL)).isNull();
    assertThat(
            historyService
                .createHistoricTaskInstanceQuery()
                .processInstanceId(request.getId())
                .taskDefinitionKey(APPROVE_BREAK_GLASS)
                .count())
        .isOne();
  }

  @Test
  void shouldRefuseTheBreakGlassToTheRequesterAndToTheSchedulerBeforeAnythingChanges() {
    // given: bree (a developer also in DevSecOps) requests, sam reviews, sofia schedules into the
    // freeze
    User third = identityService.newUser(THIRD);
    third.setFirstName("Bree");
    third.setLastName("Breakglass");
    third.setEmail(THIRD + "@example.com");
    third.setPassword(properties.demo().password());
    identityService.saveUser(third);
    identityService.createMembership(THIRD, "developers");
    identityService.createMembership(THIRD, "devsecops");
    ProcessInstance request = approved(THIRD, "sam");
    complete(request, SCHEDULE_DEPLOYMENT, "sofia", scheduleInTheFreeze(JUSTIFICATION));
    Task approval = BpmnAwareTests.task(request);

    // when the requester or the scheduler claims or completes the approval, it is refused
    for (String who : List.of(THIRD, "sofia")) {
      Throwable claimed = as(who, () -> taskService.claim(approval.getId(), who));
      Throwable completed =
          as(
              who,
              () ->
                  formService.submitTaskForm(
                      approval.getId(), Map.of(BREAK_GLASS_DECISION, Value.BREAK_GLASS_APPROVE)));
      assertThat(List.of(claimed, completed))
          .allSatisfy(
              refusal ->
                  assertThat(refusal)
                      .hasRootCauseInstanceOf(SeparationOfDutiesException.class)
                      .hasMessageContaining(
                          who.equals(THIRD)
                              ? "it is their own deployment request"
                              : "they scheduled this window into the freeze, and the policy"
                                  + " requires a second DevSecOps member")
                      .hasMessageContaining("\"Approve break-glass\""));
      // and nothing changed
      assertThat(taskService.createTaskQuery().taskId(approval.getId()).singleResult())
          .satisfies(task -> assertThat(task.getAssignee()).isNull());
      assertThat(variable(request, BREAK_GLASS_DECISION)).isNull();
      assertThat(variable(request, BREAK_GLASS_APPROVED)).isEqualTo(false);
    }
    assertThat(request).isWaitingAt(APPROVE_BREAK_GLASS);

    // a second member of DevSecOps may
    complete(
        request,
        APPROVE_BREAK_GLASS,
        "sam",
        Map.of(BREAK_GLASS_DECISION, Value.BREAK_GLASS_APPROVE));
    assertThat(request).hasPassed(APPROVE_BREAK_GLASS);
    assertThat(variable(request, BREAK_GLASS_DECIDED_BY)).isEqualTo("sam");
  }

  @Test
  void shouldRefuseAWindowInTheFreezeWithoutAJustificationAsBefore() {
    ProcessInstance request = approved("dana", "sofia");

    Throwable refused =
        catchThrowable(
            () -> complete(request, SCHEDULE_DEPLOYMENT, "sofia", scheduleInTheFreeze(null)));

    assertThat(validationFailure(refused).problems())
        .singleElement()
        .satisfies(
            problem ->
                assertThat(problem)
                    .contains(
                        "The confirmed deployment window falls into the freeze \""
                            + freeze.name()
                            + "\"",
                        "choose another window",
                        "or give a break-glass justification to ask a second DevSecOps member"));
    assertThat(request).isWaitingAt(SCHEDULE_DEPLOYMENT).hasNotPassed(APPROVE_BREAK_GLASS);
    assertThat(tickets.findByRequestNumber(request.getBusinessKey())).isEmpty();
  }

  /** A request of this test's project, reviewed and approved, waiting for "Schedule deployment". */
  private ProcessInstance approved(String requester, String reviewer) {
    Map<String, Object> fields = new HashMap<>(validRequest());
    fields.put(PROJECT_NAME, project);
    ProcessInstance request = submit(requester, fields);
    runDueJobs(request);
    complete(
        request, REVIEW_REQUEST, reviewer, TestRequests.review(Value.DECISION_APPROVE, "Fine"));
    runDueJobs(request);
    assertThat(request).isWaitingAt(SCHEDULE_DEPLOYMENT);
    return request;
  }

  /** Scheduling of a window opening now, inside the freeze; with a justification or without. */
  private Map<String, Object> scheduleInTheFreeze(String justification) {
    Map<String, Object> schedule = TestRequests.scheduleNow();
    if (justification != null) {
      schedule.put(BREAK_GLASS_JUSTIFICATION, justification);
    }
    return schedule;
  }

  private Throwable as(String user, Runnable action) {
    signIn(user);
    try {
      return catchThrowable(action::run);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private Object variable(ProcessInstance request, String name) {
    return runtimeService.getVariable(request.getId(), name);
  }

  private static String pdfText(byte[] pdf) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
  }
}
