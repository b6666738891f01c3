package in.bontonsoftwares.deploymentrequest.freeze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var;
import in.bontonsoftwares.deploymentrequest.process.EngineRequests;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import in.bontonsoftwares.deploymentrequest.request.RequestValidationException;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicket;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicketService;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Conflicts of a window with real requests, tickets and freezes: each kind, all of them at once,
 * the next free slot, a BLOCK freeze refused at submission and at scheduling (a WARN one not), and
 * a freeze declared after scheduling mailed to the requester and the mailbox. Every test has its
 * own project, application and on-call contact, so that the others' bookings are not its conflicts.
 */
@DependsOnTime
@WebAppTest
class ConflictsTest {

  @Autowired TestRestTemplate http;
  @Autowired DeploymentRequestProperties properties;
  @Autowired ProcessEngine engine;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired ChangeTicketService tickets;
  @Autowired GreenMail smtp;

  EngineRequests requests;
  String tag;
  String project;
  String application;
  String onCall;

  @BeforeEach
  void setUp() {
    requests = new EngineRequests(properties, engine);
    tag = UUID.randomUUID().toString().substring(0, 8);
    project = "Project-" + tag;
    application = "app-" + tag;
    onCall = "oncall-" + tag + "@example.com";
  }

  /** A request of this test's project, application and on-call contact, in review. */
  String inReview(Map<String, Object> changes) {
    Map<String, Object> request = new HashMap<>(changes);
    request.put(Var.PROJECT_NAME, project);
    request.put(Var.APPLICATION_NAME, application);
    request.put(Var.ON_CALL_EMAIL, onCall);
    return requests.inReview("dana", request);
  }

  /** A request of this test's application, scheduled for a window two days ahead: its ticket. */
  ChangeTicket booked() {
    String number = inReview(Map.of());
    requests.scheduleForLater(number);
    return tickets.findByRequestNumber(number).orElseThrow();
  }

  @Test
  void shouldListEveryConflictOfAWindowAndOfferTheNextFreeSlot() {
    // given: a scheduled request of the application
    ChangeTicket ticket = booked();
    String booked = ticket.requestNumber();
    Instant start = ticket.windowStart();
    Instant end = ticket.windowEnd();

    // then the same window clashes with its deployment and its on-call contact, no freeze yet
    JsonNode alone = conflicts(start, end, application, onCall, null);
    assertThat(kinds(alone)).containsExactly("DEPLOYMENT", "ON_CALL");
    assertThat(alone.get("blocked").asBoolean()).isFalse();
    JsonNode deployment = alone.get("conflicts").get(0);
    assertThat(deployment.get("requestNumber").asText()).isEqualTo(booked);
    assertThat(Instant.parse(deployment.get("start").asText())).isEqualTo(start);
    assertThat(Instant.parse(deployment.get("end").asText())).isEqualTo(end);
    assertThat(deployment.get("message").asText()).contains(booked, application, "Production");
    assertThat(alone.get("conflicts").get(1).get("message").asText()).contains(onCall, booked);
    assertThat(Instant.parse(alone.get("nextFreeSlot").get("start").asText())).isEqualTo(end);

    // when a BLOCK freeze covers the second half of the window and beyond, a WARN freeze all of it
    String block = "Block " + tag;
    String warn = "Warn " + tag;
    declare(block, "BLOCK", start.plus(Duration.ofMinutes(30)), end.plus(Duration.ofMinutes(30)));
    declare(warn, "WARN", start, end);

    // then every conflict is listed, the freezes first, and the next free slot follows them all
    JsonNode all = conflicts(start, end, application, onCall, null);
    assertThat(kinds(all)).containsExactly("FREEZE_BLOCK", "FREEZE_WARN", "DEPLOYMENT", "ON_CALL");
    assertThat(all.get("blocked").asBoolean()).isTrue();
    assertThat(all.get("conflicts").get(0).get("freeze").asText()).isEqualTo(block);
    assertThat(all.get("conflicts").get(0).get("message").asText())
        .contains(block, "Release train");
    assertThat(all.get("conflicts").get(1).get("freeze").asText()).isEqualTo(warn);
    Instant free = Instant.parse(all.get("nextFreeSlot").get("start").asText());
    assertThat(free).isEqualTo(end.plus(Duration.ofMinutes(30)));
    assertThat(Instant.parse(all.get("nextFreeSlot").get("end").asText()))
        .isEqualTo(free.plus(Duration.between(start, end)));

    // and each kind alone
    assertThat(kinds(conflicts(start, end, "other-" + tag, onCall, null)))
        .containsExactly("FREEZE_BLOCK", "FREEZE_WARN", "ON_CALL");
    assertThat(kinds(conflicts(start, end, application, "someone-" + tag + "@example.com", null)))
        .containsExactly("FREEZE_BLOCK", "FREEZE_WARN", "DEPLOYMENT");
    assertThat(kinds(conflicts(start, end, application, onCall, booked)))
        .containsExactly("FREEZE_BLOCK", "FREEZE_WARN");
    assertThat(
            kinds(conflicts(start, start.plus(Duration.ofMinutes(30)), application, null, booked)))
        .containsExactly("FREEZE_WARN");
    assertThat(
            kinds(
                conflicts(
                    end.plus(Duration.ofMinutes(30)),
                    end.plus(Duration.ofHours(1)),
                    application,
                    onCall,
                    null)))
        .isEmpty();
  }

  @Test
  void shouldShowTheConflictsInTheSchedulingFormAndTheMails() throws Exception {
    // given: a booked window of the application, a WARN freeze over it
    ChangeTicket ticket = booked();
    String booked = ticket.requestNumber();
    String warn = "Warn " + tag;
    declare(warn, "WARN", ticket.windowStart(), ticket.windowEnd());

    // when a second request prefers the same window: accepted, its conflicts noted
    String number =
        inReview(
            Map.of(
                Var.WINDOW_START, WindowTime.store(ticket.windowStart()),
                Var.WINDOW_END, WindowTime.store(ticket.windowEnd())));
    String preferred = variable(number, Var.WINDOW_CONFLICTS);
    assertThat(preferred)
        .contains("WARN freeze \"" + warn + "\"", booked + " deploys " + application, onCall)
        .contains("Next free slot of the same length: ");
    assertThat(text(mail("<" + number + ".request.r1@"))).contains("Conflicts", booked, warn);

    // then "Schedule deployment" shows them for the proposed window, read-only
    requests.approve(number);
    assertThat(variable(number, Var.CONFIRMED_WINDOW_CONFLICTS)).isEqualTo(preferred);

    // and the proposed window, whose conflicts the form showed, is confirmed without the tick
    String other =
        inReview(
            Map.of(
                Var.WINDOW_START, WindowTime.store(ticket.windowStart()),
                Var.WINDOW_END, WindowTime.store(ticket.windowEnd())));
    requests.approve(other);
    requests.schedule(other, ticket.windowStart(), false);
    assertThat(tickets.findByRequestNumber(other)).isPresent();

    // and a free window, once confirmed, has none
    requests.schedule(number, TestClock.now().plus(Duration.ofDays(9)));
    assertThat(variable(number, Var.CONFIRMED_WINDOW_CONFLICTS)).isEqualTo("None.");
  }

  @Test
  void shouldAnswerBadQuestionsWithTheReason() {
    ResponseEntity<JsonNode> bad =
        as("dana")
            .getForEntity(
                "/api/conflicts?environment=moon&start=soon&end=2026-12-01T22:00Z&onCall=nobody",
                JsonNode.class);

    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody().get("problems").toString())
        .contains(
            "Unknown environment 'moon'",
            "application is required",
            "start: not a date and time",
            "onCall must be");
    assertThat(http.getForEntity("/api/conflicts", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void shouldRefuseAWindowInABlockFreezeAtSubmissionAndAtScheduling() {
    Instant now = TestClock.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    String freeze = "Quarter close " + tag;
    declare(freeze, "BLOCK", now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(3)));
    declare("Heads-up " + tag, "WARN", now.plus(Duration.ofDays(5)), now.plus(Duration.ofDays(6)));

    // a preferred window inside it is refused at submission, naming the freeze and a free slot
    RequestValidationException submitted =
        catchThrowableOfType(() -> inReview(Map.of()), RequestValidationException.class);
    assertThat(submitted.problems())
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .contains(
                        "The preferred deployment window falls into the freeze \"" + freeze + "\"",
                        "choose another window (the next free one of the same length: "));
    Map<String, Object> overREST = TestRequests.validRequest(properties);
    overREST.put(Var.PROJECT_NAME, project);
    ResponseEntity<JsonNode> filed =
        as("dana").postForEntity("/api/deployment-requests", overREST, JsonNode.class);
    assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(filed.getBody().get("problems").toString()).contains(freeze);

    // a request for the week after is accepted; scheduling it into the freeze is refused
    Instant later = now.plus(Duration.ofDays(7));
    String number =
        inReview(
            Map.of(
                Var.WINDOW_START, WindowTime.store(later),
                Var.WINDOW_END, WindowTime.store(later.plus(Duration.ofHours(2)))));
    requests.approve(number);
    // (the task listener's refusal, as the engine wraps it)
    assertThat(catchThrowable(() -> requests.schedule(number, now.plus(Duration.ofDays(2)))))
        .hasMessageContaining(
            "The confirmed deployment window falls into the freeze \"" + freeze + "\"");
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceBusinessKey(number)
                .taskDefinitionKey(Element.SCHEDULE_DEPLOYMENT)
                .count())
        .isOne();
    assertThat(tickets.findByRequestNumber(number)).isEmpty();

    // a window in the WARN freeze, which the form did not list for the proposed window: refused
    // until the scheduler confirms it despite the conflict that completing names
    assertThat(catchThrowable(() -> requests.schedule(number, now.plus(Duration.ofDays(5)), false)))
        .hasMessageContaining("The confirmed window clashes with what the form did not show you: ")
        .hasMessageContaining("WARN freeze \"Heads-up " + tag + "\"")
        .hasMessageContaining("Tick \"Confirm despite these conflicts\"");
    assertThat(tickets.findByRequestNumber(number)).isEmpty();
    // then confirmed: warned of, not refused
    requests.schedule(number, now.plus(Duration.ofDays(5)), true);
    assertThat(tickets.findByRequestNumber(number)).isPresent();
    assertThat(variable(number, Var.CONFIRM_DESPITE_CONFLICTS)).isEqualTo("false");
  }

  @Test
  void shouldMailTheRequesterAndTheMailboxWhenAFreezeLaterCoversTheWindow() throws Exception {
    // given: a scheduled request
    ChangeTicket ticket = booked();
    String number = ticket.requestNumber();

    // when DevSecOps declare a freeze over its window
    String freeze = "Incident freeze " + tag;
    ResponseEntity<JsonNode> declared =
        declare(
            freeze, "BLOCK", ticket.windowStart().minus(Duration.ofHours(1)), ticket.windowEnd());

    // then the answer names the request, and its requester and the mailbox are told
    JsonNode affected = declared.getBody().get("affected");
    assertThat(affected).hasSize(1);
    assertThat(affected.get(0).get("requestNumber").asText()).isEqualTo(number);
    assertThat(affected.get(0).get("mailed").asBoolean()).isTrue();
    List<MimeMessage> mails = frozenMails(number);
    assertThat(mails).hasSize(1);
    MimeMessage mail = mails.get(0);
    assertThat(mail.getSubject())
        .startsWith(project + " - Production - Deployment Window Frozen - ");
    assertThat(addresses(mail, Message.RecipientType.TO)).containsExactly("dana@example.com");
    assertThat(addresses(mail, Message.RecipientType.CC)).containsExactly(properties.mailbox());
    String body = text(mail);
    assertThat(body).contains(number, freeze, "Reschedule");

    // and saving the same freeze again mails nobody twice
    long id = declared.getBody().get("freeze").get("id").asLong();
    Map<String, Object> same =
        FreezeApiTest.oneOff(
            freeze,
            ticket.windowStart().minus(Duration.ofHours(1)).toString(),
            ticket.windowEnd().toString());
    same.put("projects", List.of(project));
    ResponseEntity<JsonNode> saved =
        as("sofia")
            .exchange(
                "/api/freezes/{id}", HttpMethod.PUT, new HttpEntity<>(same), JsonNode.class, id);
    assertThat(saved.getBody().get("affected")).hasSize(1);
    assertThat(frozenMails(number)).hasSize(1);
  }

  private ResponseEntity<JsonNode> declare(String name, String mode, Instant start, Instant end) {
    Map<String, Object> freeze = FreezeApiTest.oneOff(name, start.toString(), end.toString());
    freeze.put("mode", mode);
    freeze.put("projects", List.of(project));
    ResponseEntity<JsonNode> declared =
        as("sofia").postForEntity("/api/freezes", freeze, JsonNode.class);
    assertThat(declared.getStatusCode())
        .as(String.valueOf(declared.getBody()))
        .isEqualTo(HttpStatus.CREATED);
    return declared;
  }

  private JsonNode conflicts(
      Instant start, Instant end, String application, String onCall, String exclude) {
    StringBuilder url =
        new StringBuilder(
            "/api/conflicts?environment=production&project={p}&application={a}&start={s}&end={e}");
    List<Object> values =
        new ArrayList<>(List.of(project, application, start.toString(), end.toString()));
    if (onCall != null) {
      url.append("&onCall={o}");
      values.add(onCall);
    }
    if (exclude != null) {
      url.append("&exclude={x}");
      values.add(exclude);
    }
    ResponseEntity<JsonNode> answer =
        as("dana").getForEntity(url.toString(), JsonNode.class, values.toArray());
    assertThat(answer.getStatusCode())
        .as(String.valueOf(answer.getBody()))
        .isEqualTo(HttpStatus.OK);
    return answer.getBody();
  }

  private String variable(String number, String name) {
    return String.valueOf(
        runtimeService.getVariable(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(number)
                .singleResult()
                .getId(),
            name));
  }

  private MimeMessage mail(String messageIdPrefix) throws Exception {
    List<MimeMessage> found = mails(messageIdPrefix);
    assertThat(found).as("mails " + messageIdPrefix).hasSize(1);
    return found.get(0);
  }

  private static List<String> kinds(JsonNode answer) {
    List<String> kinds = new ArrayList<>();
    answer.get("conflicts").forEach(conflict -> kinds.add(conflict.get("kind").asText()));
    return kinds;
  }

  /**
   * The mails received whose Message-ID starts so, each once (GreenMail keeps one per recipient).
   */
  private List<MimeMessage> mails(String messageIdPrefix) throws Exception {
    Map<String, MimeMessage> found = new java.util.LinkedHashMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (message.getMessageID().startsWith(messageIdPrefix)) {
        found.putIfAbsent(message.getMessageID(), message);
      }
    }
    return List.copyOf(found.values());
  }

  private List<MimeMessage> frozenMails(String number) throws Exception {
    return mails("<" + number + ".frozen.");
  }

  private static List<String> addresses(MimeMessage mail, Message.RecipientType type)
      throws Exception {
    return mail.getRecipients(type) == null
        ? List.of()
        : Arrays.stream(mail.getRecipients(type)).map(String::valueOf).toList();
  }

  private static String text(MimeMessage mail) throws Exception {
    StringBuilder text = new StringBuilder();
    collect(mail.getContent(), text);
    return text.toString();
  }

  private static void collect(Object content, StringBuilder text) throws Exception {
    if (content instanceof jakarta.mail.Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i).getContent(), text);
      }
    } else {
      text.append(content);
    }
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, properties.demo().password());
  }
}
