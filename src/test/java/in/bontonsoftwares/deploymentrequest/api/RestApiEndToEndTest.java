package in.bontonsoftwares.deploymentrequest.api;

import static in.bontonsoftwares.deploymentrequest.mail.SeparateSmtpServer.recipients;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static in.bontonsoftwares.deploymentrequest.process.TestRequests.restVariables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.mail.SeparateSmtpServer;
import in.bontonsoftwares.deploymentrequest.node.RequestDriver;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One whole request through Camunda's REST API over real HTTP, as the pipeline and the people of
 * the policy would drive it, with the job executor running and mail going to a separate SMTP server
 * (GreenMail) configured through the standard {@code spring.mail.*} properties.
 */
@DependsOnTime
@WebAppTest(properties = "camunda.bpm.job-execution.enabled=true")
class RestApiEndToEndTest {

  @RegisterExtension static final SeparateSmtpServer SMTP = new SeparateSmtpServer();

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    SMTP.register(registry);
  }

  @Autowired TestRestTemplate http;
  @Autowired DeploymentRequestProperties properties;
  @Autowired HistoryService historyService;
  @LocalServerPort int port;

  @Test
  void shouldCarryARequestFromSubmissionToDeployedRecordOverRest() throws Exception {
    // the pipeline submits the request as the developer; DevSecOps finds the review among its
    // group's tasks, claims and approves it, and schedules a window that opens at once: the job
    // executor creates the ticket, sends the confirmation and fires the timer; then the deployment
    // is executed, verified and documented, each person claiming their task (any call answered
    // with anything but a success fails the test)
    RequestDriver driver =
        RequestDriver.strict(
            () -> "http://localhost:" + port, TestRequests.validRequest(properties));
    String[] started = driver.submit();
    String instance = started[0];
    String number = started[1];
    assertThat(number).matches("DR-\\d{4}-\\d{4}");
    for (RequestDriver.Step step : RequestDriver.STEPS) {
      driver.work(instance, step);
    }

    // the request ends deployed
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode history =
                  as("admin")
                      .getForObject(
                          "/engine-rest/history/process-instance/{id}", JsonNode.class, instance);
              assertThat(history.path("state").asText())
                  .as(history.toString())
                  .isEqualTo("COMPLETED");
              JsonNode ended =
                  as("admin")
                      .getForObject(
                          "/engine-rest/history/activity-instance/count?processInstanceId={id}"
                              + "&activityId={end}",
                          JsonNode.class,
                          instance,
                          END_DEPLOYED);
              assertThat(ended.get("count").asInt()).isEqualTo(1);
            });

    // its change ticket is in the register
    JsonNode variable =
        as("admin")
            .getForObject(
                "/engine-rest/history/variable-instance?processInstanceId={id}"
                    + "&variableName={name}",
                JsonNode.class,
                instance,
                CHANGE_TICKET_NUMBER);
    String ticketNumber = variable.get(0).get("value").asText();
    JsonNode ticket =
        as("admin").getForObject("/api/change-tickets/{number}", JsonNode.class, ticketNumber);
    assertThat(ticket.get("requestNumber").asText()).isEqualTo(number);
    assertThat(ticket.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(ticket.get("events"))
        .extracting(event -> event.get("to").asText())
        .containsExactly("SCHEDULED", "IN_PROGRESS", "COMPLETED");

    // and every mail of the policy arrived once, at the right people, in the policy's format
    String date =
        TestClock.dateInAppZone(
                historyService
                    .createHistoricProcessInstanceQuery()
                    .processInstanceId(instance)
                    .singleResult()
                    .getStartTime()
                    .toInstant())
            .toString();
    Map<String, MimeMessage> mails =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> SMTP.mailsBySubject(number),
                received -> received.size() == RequestDriver.MAILS.size());
    String received = "Payments - Production - Deployment Request Received - " + date;
    assertThat(mails.keySet())
        .containsExactlyInAnyOrder(
            received,
            "Payments - Production - Deployment Request - " + date,
            "Payments - Production - Deployment Scheduled - " + date,
            "Payments - Production - Deployment Window Open - " + date,
            "Payments - Production - Deployment Status - " + date,
            "Payments - Production - Deployment Record - " + date);
    // the confirmation goes beside the checklist check, the others one after the other
    assertThat(mails.keySet())
        .filteredOn(subject -> !subject.equals(received))
        .containsExactly(
            "Payments - Production - Deployment Request - " + date,
            "Payments - Production - Deployment Scheduled - " + date,
            "Payments - Production - Deployment Window Open - " + date,
            "Payments - Production - Deployment Status - " + date,
            "Payments - Production - Deployment Record - " + date);
    assertThat(recipients(mails.get(received), RecipientType.TO))
        .containsExactly("dana@example.com");
    assertThat(recipients(mails.get(received), RecipientType.CC)).isEmpty();
    MimeMessage request = mails.get("Payments - Production - Deployment Request - " + date);
    assertThat(recipients(request, RecipientType.TO))
        .containsExactly("devsecops@bontonsoftwares.in");
    assertThat(recipients(request, RecipientType.CC)).containsExactly("dana@example.com");
    MimeMessage status = mails.get("Payments - Production - Deployment Status - " + date);
    assertThat(recipients(status, RecipientType.TO))
        .contains(
            "product@example.com", "support@example.com", "olivia@example.com", "dana@example.com");
    assertThat(recipients(status, RecipientType.CC))
        .containsExactly("devsecops@bontonsoftwares.in");

    // and DevSecOps' members heard of each task in their queue but "Execute deployment", which
    // the window-open mail announces; never the person whose step created it (sam's verification:
    // the documentation) nor of a task they claimed themselves; the watch window's last round
    // created the health checks, so sam heard of them too
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(taskNotices(number))
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

  /** The task mails of a request, as {@code <purpose> -> <recipient>}. */
  private static List<String> taskNotices(String number) throws Exception {
    List<String> notices = new ArrayList<>();
    for (MimeMessage notice : SMTP.taskNotices(number)) {
      for (String to : recipients(notice, RecipientType.TO)) {
        notices.add(notice.getSubject().split(" - ")[2] + " -> " + to);
      }
    }
    return notices;
  }

  @Test
  void shouldAnswerAnInvalidRequestWith400AndTheReasonsAndStartNothing() {
    Map<String, Object> invalid = TestRequests.validRequest(properties);
    invalid.put(WINDOW_END, "2020-01-01T00:00Z");
    invalid.put(STAKEHOLDER_EMAILS, "product@example.com, not-an-email");
    long before = instanceCount();

    ResponseEntity<JsonNode> refused =
        as("dana")
            .postForEntity(
                "/engine-rest/process-definition/key/{key}/submit-form",
                restVariables(invalid),
                JsonNode.class,
                DeploymentRequestProcess.KEY);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("type").asText()).isEqualTo("RequestValidationException");
    assertThat(refused.getBody().get("message").asText())
        .contains("must end after it starts", "not-an-email")
        .doesNotContain("Exception", "at org.");
    assertThat(refused.getBody().get("problems")).hasSize(2);
    assertThat(instanceCount()).isEqualTo(before);
  }

  @Test
  void shouldAnswerAnInvalidTaskSubmissionWith400AndKeepTheTaskOpen() {
    ResponseEntity<JsonNode> started =
        as("dev")
            .postForEntity(
                "/engine-rest/process-definition/key/{key}/submit-form",
                restVariables(TestRequests.validRequest(properties)),
                JsonNode.class,
                DeploymentRequestProcess.KEY);
    String instance = started.getBody().get("id").asText();
    String review = awaitTask(instance, REVIEW_REQUEST, "sam");
    as("sam")
        .postForEntity("/engine-rest/task/{id}/claim", Map.of("userId", "sam"), Void.class, review);

    ResponseEntity<JsonNode> refused =
        as("sam")
            .postForEntity(
                "/engine-rest/task/{id}/submit-form",
                restVariables(TestRequests.review(Value.DECISION_REJECT, "")),
                JsonNode.class,
                review);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("message").asText()).contains("Comments are required");
    assertThat(
            as("sam")
                .getForEntity("/engine-rest/task/{id}", JsonNode.class, review)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldRefuseAnonymousCallsToTheEngineApi() {
    assertThat(http.getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // quinn, whom no other test here signs in as: a wrong password makes the engine delay that
    // user's next sign-in
    assertThat(
            http.withBasicAuth("quinn", "wrong")
                .getForEntity("/engine-rest/task", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, properties.demo().password());
  }

  private String awaitTask(String instance, String taskKey, String user) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              JsonNode tasks =
                  as(user)
                      .getForObject(
                          "/engine-rest/task?processInstanceId={id}&taskDefinitionKey={key}",
                          JsonNode.class,
                          instance,
                          taskKey);
              return tasks.isEmpty() ? null : tasks.get(0).get("id").asText();
            },
            id -> id != null);
  }

  private long instanceCount() {
    return as("admin")
        .getForObject("/engine-rest/history/process-instance/count", JsonNode.class)
        .get("count")
        .asLong();
  }
}
