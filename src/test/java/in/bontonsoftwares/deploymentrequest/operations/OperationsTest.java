package in.bontonsoftwares.deploymentrequest.operations;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.REVIEW_REQUEST;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.SEND_REQUEST_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.mail.SeparateSmtpServer;
import in.bontonsoftwares.deploymentrequest.process.EngineRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What operators rely on: mail neither lost nor doubled while SMTP is down, one owner when two
 * people claim at once, health probes and metrics.
 */
@WebAppTest
@AutoConfigureObservability
class OperationsTest {

  @RegisterExtension static final SeparateSmtpServer SMTP = new SeparateSmtpServer();

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    SMTP.register(registry);
  }

  @Autowired TestRestTemplate http;
  @Autowired DeploymentRequestProperties properties;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;

  @Test
  void shouldDeliverEachMailExactlyOnceAfterTheMailServerComesBack() throws Exception {
    SMTP.stop();
    ProcessInstance request = start();
    Job mail =
        managementService
            .createJobQuery()
            .processInstanceId(request.getId())
            .activityId(SEND_REQUEST_EMAIL)
            .singleResult();

    // while SMTP is down the job fails, the request stays where it was, and an incident appears
    // once retries are gone
    Throwable failed;
    try {
      failed = catchThrowable(() -> managementService.executeJob(mail.getId()));
    } finally {
      SMTP.start();
    }
    assertThat(failed).hasStackTraceContaining("Mail server connection failed");
    assertThat(managementService.createJobQuery().jobId(mail.getId()).singleResult().getRetries())
        .isZero();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(request.getId()).count())
        .isEqualTo(1);
    assertThat(admin().getForObject("/actuator/prometheus", String.class))
        .containsPattern("deployment_mail_failures_total \\d+\\.0")
        .containsPattern("deployment_jobs_incidents [1-9]");

    // when SMTP is back and an admin retries the job (as in Cockpit)
    managementService.setJobRetries(mail.getId(), 1);
    managementService.executeJob(mail.getId());

    // then exactly one request mail was delivered and the request waits for its review
    long requestMails =
        java.util.Arrays.stream(SMTP.received())
            .map(message -> uncheckedId(message))
            .filter(id -> id.startsWith("<" + request.getBusinessKey() + ".request."))
            .distinct()
            .count();
    assertThat(requestMails).isEqualTo(1);
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceId(request.getId())
                .taskDefinitionKey(REVIEW_REQUEST)
                .count())
        .isEqualTo(1);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(request.getId()).count())
        .isZero();
  }

  @Test
  void shouldGiveATaskClaimedByTwoPeopleAtOnceToExactlyOneOfThem() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 8; round++) {
        String review = reviewTask(start());
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<ResponseEntity<JsonNode>>> claims = new ArrayList<>();
        for (String user : List.of("sofia", "sam")) {
          Callable<ResponseEntity<JsonNode>> claim =
              () -> {
                together.await();
                return as(user)
                    .postForEntity(
                        "/engine-rest/task/{id}/claim",
                        Map.of("userId", user),
                        JsonNode.class,
                        review);
              };
          claims.add(pool.submit(claim));
        }
        List<HttpStatus> statuses = new ArrayList<>();
        for (Future<ResponseEntity<JsonNode>> claim : claims) {
          ResponseEntity<JsonNode> answer = claim.get();
          statuses.add(HttpStatus.valueOf(answer.getStatusCode().value()));
          if (answer.getStatusCode() == HttpStatus.CONFLICT) {
            assertThat(answer.getBody().get("message").asText())
                .containsAnyOf("already claimed", "changed this task at the same moment");
          }
        }
        assertThat(statuses).containsExactlyInAnyOrder(HttpStatus.NO_CONTENT, HttpStatus.CONFLICT);
        Task task = taskService.createTaskQuery().taskId(review).singleResult();
        assertThat(task.getAssignee()).isIn("sofia", "sam");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldReportHealthToProbesAndDetailsAndMetricsToAdmins() {
    ResponseEntity<JsonNode> readiness =
        http.getForEntity("/actuator/health/readiness", JsonNode.class);
    JsonNode health = admin().getForObject("/actuator/health", JsonNode.class);
    String metrics = admin().getForObject("/actuator/prometheus", String.class);

    assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(readiness.getBody().get("status").asText()).isEqualTo("UP");
    assertThat(readiness.getBody().has("components"))
        .as("no details for anonymous probes")
        .isFalse();
    assertThat(health.get("components").has("db")).isTrue();
    assertThat(health.get("components").has("mail")).isTrue();
    assertThat(health.get("components").has("processEngine")).isTrue();
    assertThat(metrics)
        .contains(
            "deployment_requests{state=\"open\"}",
            "deployment_requests{state=\"deployed\"}",
            "deployment_review_sla_breaches",
            "deployment_review_overdue",
            "deployment_jobs_failing",
            "deployment_mail_failures_total");
    assertThat(as("dana").getForEntity("/actuator/prometheus", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private ProcessInstance start() {
    return EngineRequests.of(engine, properties).submitted("dana");
  }

  private String reviewTask(ProcessInstance request) {
    for (Job job :
        managementService.createJobQuery().processInstanceId(request.getId()).executable().list()) {
      managementService.executeJob(job.getId());
    }
    return taskService
        .createTaskQuery()
        .processInstanceId(request.getId())
        .taskDefinitionKey(REVIEW_REQUEST)
        .singleResult()
        .getId();
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, properties.demo().password());
  }

  private TestRestTemplate admin() {
    return as("admin");
  }

  private static String uncheckedId(jakarta.mail.internet.MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
