package in.bontonsoftwares.deploymentrequest.archive;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.REVIEW_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The archive over REST: listed and filtered, downloaded with its hash checked, for DevSecOps and
 * admins only.
 */
@DependsOnTime
@WebAppTest
class RecordApiTest {

  @Autowired TestRestTemplate http;
  @Autowired DeploymentRequestProperties properties;
  @Autowired IdentityService identityService;
  @Autowired FormService formService;
  @Autowired RepositoryService repositoryService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired RecordArchive archive;

  @Test
  void shouldListFilterAndServeArchivedRecords() throws Exception {
    String number = rejectedRequest("Payments");
    String other = rejectedRequest("Ledger");
    JsonNode all = as("sofia").getForObject("/api/records", JsonNode.class);
    String today =
        TestClock.dateInAppZone(Instant.parse(all.get(0).get("archivedAt").asText())).toString();
    JsonNode payments =
        as("sofia")
            .getForObject(
                "/api/records?project=Payments&outcome=REJECTED&from={d}&to={d}",
                JsonNode.class,
                today,
                today);
    JsonNode none = as("sofia").getForObject("/api/records?outcome=DEPLOYED", JsonNode.class);
    ResponseEntity<byte[]> pdf =
        as("admin").getForEntity("/api/records/{n}/pdf", byte[].class, number);

    assertThat(all)
        .extracting(record -> record.get("requestNumber").asText())
        .contains(number, other);
    assertThat(payments)
        .extracting(record -> record.get("requestNumber").asText())
        .containsExactly(number);
    assertThat(none).isEmpty();
    // page by page, newest first, with the count of all
    assertThat(as("sofia").getForObject("/api/records?maxResults=1", JsonNode.class))
        .extracting(record -> record.get("requestNumber").asText())
        .containsExactly(other);
    assertThat(as("sofia").getForObject("/api/records?firstResult=1&maxResults=1", JsonNode.class))
        .extracting(record -> record.get("requestNumber").asText())
        .containsExactly(number);
    assertThat(
            as("sofia")
                .getForObject("/api/records/count?project=Payments", JsonNode.class)
                .get("count")
                .asLong())
        .isEqualTo(1);
    ResponseEntity<String> tooMany =
        as("sofia").getForEntity("/api/records?maxResults=100000", String.class);
    assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooMany.getBody()).contains("maxResults between 1 and 500");
    assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(pdf.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
    assertThat(new String(pdf.getBody(), 0, 5)).isEqualTo("%PDF-");
    String sha256 =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf.getBody()));
    assertThat(pdf.getHeaders().getFirst("X-Content-SHA256")).isEqualTo(sha256);
    assertThat(payments.get(0).get("pdfSha256").asText()).isEqualTo(sha256);
    JsonNode json = as("sofia").getForObject("/api/records/{n}/json", JsonNode.class, number);
    assertThat(json.get("outcome").asText()).isEqualTo("REJECTED");
    // no health check ran: both phases there, NONE, with empty lists
    assertThat(json.at("/healthChecks/execution/state").asText()).isEqualTo("NONE");
    assertThat(json.at("/healthChecks/execution/probes").isArray()).isTrue();
    assertThat(json.at("/healthChecks/execution/probes")).isEmpty();
    assertThat(json.at("/healthChecks/watch/state").asText()).isEqualTo("NONE");
    assertThat(json.at("/healthChecks/watch/probes")).isEmpty();
    // only DevSecOps and admins read the archive
    assertThat(as("dana").getForEntity("/api/records", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("sofia").getForEntity("/api/records/DR-1900-0001", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldRefuseToServeARecordThatWasChangedAfterArchiving() throws Exception {
    String number = rejectedRequest("Tampered");
    JsonNode entry = as("sofia").getForObject("/api/records/{n}", JsonNode.class, number);
    Path json = Path.of(archive.find(number).orElseThrow().jsonPath());
    Files.writeString(json, "{}");

    ResponseEntity<String> refused =
        as("sofia").getForEntity("/api/records/{n}/json", String.class, number);

    assertThat(entry.get("jsonSha256").asText()).hasSize(64);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.getBody()).contains("no longer matches its recorded SHA-256");
  }

  private String rejectedRequest(String project) {
    var request = TestRequests.validRequest(properties);
    request.put(DeploymentRequestProcess.Var.PROJECT_NAME, project);
    identityService.setAuthentication("dana", java.util.List.of("developers"));
    String definition =
        repositoryService
            .createProcessDefinitionQuery()
            .processDefinitionKey(DeploymentRequestProcess.KEY)
            .latestVersion()
            .singleResult()
            .getId();
    ProcessInstance instance = formService.submitStartForm(definition, request);
    identityService.clearAuthentication();
    runJobs(instance);
    Task review =
        taskService
            .createTaskQuery()
            .processInstanceId(instance.getId())
            .taskDefinitionKey(REVIEW_REQUEST)
            .singleResult();
    identityService.setAuthentication("sofia", java.util.List.of("devsecops"));
    taskService.claim(review.getId(), "sofia");
    formService.submitTaskForm(review.getId(), TestRequests.review("reject", "Not now"));
    identityService.clearAuthentication();
    runJobs(instance);
    return instance.getBusinessKey();
  }

  private void runJobs(ProcessInstance instance) {
    for (int round = 0; round < 5; round++) {
      for (Job job :
          managementService
              .createJobQuery()
              .processInstanceId(instance.getId())
              .executable()
              .list()) {
        managementService.executeJob(job.getId());
      }
    }
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, properties.demo().password());
  }
}
