package in.bontonsoftwares.deploymentrequest.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.EngineRequests;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code /api/me/notifications}: each person's setting, and that OFF means no task mails. */
@WebAppTest
class NotificationSettingsTest {

  private static final String PASSWORD = "Demo-pass-2026";

  @Autowired TestRestTemplate http;
  @Autowired GreenMail smtp;
  @Autowired DeploymentRequestProperties properties;
  @Autowired ProcessEngine engine;
  @Autowired ManagementService managementService;

  @Test
  void shouldAnswerImmediatelyUntilAPersonTurnsTaskMailsOff() {
    assertThat(get("quinn").getBody().get("taskMails").asText()).isEqualTo("IMMEDIATELY");

    ResponseEntity<JsonNode> put = put("quinn", "{\"taskMails\": \"OFF\"}");

    assertThat(put.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(put.getBody().get("taskMails").asText()).isEqualTo("OFF");
    assertThat(get("quinn").getBody().get("taskMails").asText()).isEqualTo("OFF");
    assertThat(get("dev").getBody().get("taskMails").asText()).isEqualTo("IMMEDIATELY");
    assertThat(put("quinn", "{\"taskMails\": \"immediately\"}").getBody().get("taskMails").asText())
        .isEqualTo("IMMEDIATELY");
  }

  @Test
  void shouldRefuseAnUnknownSettingWithProblemDetails() {
    put("dev", "{\"taskMails\": \"OFF\"}");

    ResponseEntity<JsonNode> refused = put("dev", "{\"taskMails\": \"HOURLY\"}");

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("status").asInt()).isEqualTo(400);
    assertThat(refused.getBody().get("detail").asText())
        .isEqualTo("taskMails must be one of IMMEDIATELY, OFF");
    assertThat(put("dev", "{}").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(get("dev").getBody().get("taskMails").asText()).isEqualTo("OFF");
    assertThat(http.getForEntity("/api/me/notifications", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void shouldMailNobodyWhoTurnedTaskMailsOff() throws Exception {
    smtp.purgeEmailFromAllMailboxes();
    put("sam", "{\"taskMails\": \"OFF\"}");
    try {
      ProcessInstance request = submit();
      runDueJobs(request);

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> recipientsOfNotices().contains("sofia@example.com"));
      assertThat(recipientsOfNotices()).containsExactly("sofia@example.com");
    } finally {
      put("sam", "{\"taskMails\": \"IMMEDIATELY\"}");
    }
  }

  private ProcessInstance submit() {
    return EngineRequests.of(engine, properties).submitted("dana");
  }

  private void runDueJobs(ProcessInstance instance) {
    for (int round = 0; round < 20; round++) {
      List<Job> due =
          managementService
              .createJobQuery()
              .processInstanceId(instance.getId())
              .messages()
              .executable()
              .list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
  }

  private List<String> recipientsOfNotices() throws Exception {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(this::isNotice)
        .flatMap(m -> addresses(m).stream())
        .distinct()
        .toList();
  }

  private boolean isNotice(MimeMessage mail) {
    try {
      return mail.getMessageID().contains(".task.");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> addresses(MimeMessage mail) {
    try {
      return Arrays.stream(mail.getRecipients(RecipientType.TO)).map(Object::toString).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private ResponseEntity<JsonNode> get(String user) {
    return http.withBasicAuth(user, PASSWORD).getForEntity("/api/me/notifications", JsonNode.class);
  }

  private ResponseEntity<JsonNode> put(String user, String body) {
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, PASSWORD)
        .exchange(
            "/api/me/notifications",
            HttpMethod.PUT,
            new HttpEntity<>(body, headers),
            JsonNode.class);
  }
}
