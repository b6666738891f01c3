package in.bontonsoftwares.deploymentrequest.limits;

import static in.bontonsoftwares.deploymentrequest.process.TestRequests.restVariables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.config.LimitProperties;
import in.bontonsoftwares.deploymentrequest.identity.TestUsers;
import in.bontonsoftwares.deploymentrequest.mail.ReceivedMails;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import in.bontonsoftwares.deploymentrequest.security.WebappSession;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * One person starting too many requests, over real HTTP, with the limits the app ships with (the
 * test profile raises them for the rest of the suite). Each test has a requester of its own, so
 * that none counts another's requests; each asserts the refusal, that nothing was started and no
 * mail went out, and that the normal path still works.
 */
@WebAppTest(
    properties = {
      "deployment-request.limits.starts.max=20", "deployment-request.limits.starts.window=PT1H",
      "deployment-request.limits.open-requests.max=10",
          "deployment-request.limits.open-requests.retry-after=PT15M"
    })
class StartLimitTest {

  @Autowired TestRestTemplate http;
  @Autowired DeploymentRequestProperties properties;
  @Autowired LimitProperties limits;
  @Autowired IdentityService identityService;
  @Autowired FormService formService;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired GreenMail smtp;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  private long clockOffset;

  @BeforeEach
  void emptyMailbox() throws Exception {
    clockOffset = TestClock.offset();
    smtp.purgeEmailFromAllMailboxes();
  }

  @AfterEach
  void setTheClockBack() {
    TestClock.restore(clockOffset);
  }

  @Test
  void shouldRunWithTheLimitsTheAppShipsWith() {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yaml"));
    Properties shipped = yaml.getObject();

    assertThat(limits.starts().max())
        .hasToString(shipped.getProperty("deployment-request.limits.starts.max"));
    assertThat(limits.starts().window())
        .isEqualTo(Duration.parse(shipped.getProperty("deployment-request.limits.starts.window")));
    assertThat(limits.openRequests().max())
        .hasToString(shipped.getProperty("deployment-request.limits.open-requests.max"));
    assertThat(limits.openRequests().retryAfter())
        .isEqualTo(
            Duration.parse(
                shipped.getProperty("deployment-request.limits.open-requests.retry-after")));
  }

  @Test
  void shouldRefuseTheTwentyFirstStartWithinAnHourWith429WhenThePersonStartedTwenty()
      throws Exception {
    // given a developer who started 20 requests within the hour: 11 of them already withdrawn, 9
    // open and mailed
    String developer = newDeveloper();
    for (int i = 0; i < 11; i++) {
      runtimeService.deleteProcessInstance(startAs(developer), "withdrawn");
    }
    for (int i = 0; i < 9; i++) {
      runJobs(startAs(developer));
    }
    List<MimeMessage> mails = processMails();

    // when the developer starts the 21st, by both REST endpoints that start a process
    ResponseEntity<JsonNode> submitted = submit(developer);
    ResponseEntity<JsonNode> started =
        http.withBasicAuth(developer, password())
            .postForEntity(
                "/engine-rest/process-definition/key/{key}/start",
                restVariables(TestRequests.validRequest(properties)),
                JsonNode.class,
                DeploymentRequestProcess.KEY);

    // then both are refused with when to come back, and nothing was started or mailed
    for (ResponseEntity<JsonNode> refused : List.of(submitted, started)) {
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
      assertThat(refused.getBody().get("type").asText()).isEqualTo("RequestLimitException");
      assertThat(refused.getBody().get("limit").asText()).isEqualTo("starts");
      assertThat(refused.getBody().get("message").asText())
          .startsWith(
              "You have started 20 deployment requests within 1 hour, the most one person may start; "
                  + "you can start the next one in ")
          .doesNotContain("ENGINE-", "Exception");
      assertThat(retryAfter(refused)).isBetween(1L, 3600L);
    }
    assertThat(requestsOf(developer)).isEqualTo(20);
    runJobsOf(developer);
    assertThat(processMails()).containsExactlyInAnyOrderElementsOf(mails);

    // and once the wait it named is over, the next start goes through
    TestClock.advance(Duration.ofSeconds(retryAfter(submitted) + 1));
    assertThat(submit(developer).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldRefuseAnEleventhOpenRequestWith429WhenTheRequesterHasTenOpen() throws Exception {
    // given a developer with 10 open requests, each mailed to DevSecOps
    String developer = newDeveloper();
    List<String> open = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      open.add(startAs(developer));
      runJobs(open.get(i));
    }
    List<MimeMessage> mails = processMails();

    // when the developer starts the 11th
    ResponseEntity<JsonNode> refused = submit(developer);

    // then it is refused, and nothing was started or mailed
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(refused.getBody().get("limit").asText()).isEqualTo("open-requests");
    assertThat(refused.getBody().get("message").asText())
        .isEqualTo(
            "You have 10 open deployment requests, the most "
                + "one requester may have open at a time; finish or withdraw one before you start another.");
    assertThat(retryAfter(refused)).isEqualTo(limits.openRequests().retryAfter().toSeconds());
    assertThat(requestsOf(developer)).isEqualTo(10);
    runJobsOf(developer);
    assertThat(processMails()).containsExactlyInAnyOrderElementsOf(mails);

    // and once one of them is closed, the next start goes through
    runtimeService.deleteProcessInstance(open.get(0), "withdrawn");
    assertThat(submit(developer).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldAnswerTasklistsStartDialogWith429AndTheReasonWhenOverALimit() throws Exception {
    // given a developer with 10 open requests, signed in to Tasklist
    String developer = newDeveloper();
    for (int i = 0; i < 10; i++) {
      startAs(developer);
    }
    WebappSession tasklist = WebappSession.login(port, developer, password());
    String definition =
        repositoryService
            .createProcessDefinitionQuery()
            .processDefinitionKey(DeploymentRequestProcess.KEY)
            .latestVersion()
            .singleResult()
            .getId();

    // when the start dialog submits the start form, as Tasklist does
    HttpResponse<String> refused =
        tasklist.post(
            "/camunda/api/engine/engine/default/process-definition/" + definition + "/submit-form",
            new ObjectMapper()
                .writeValueAsString(restVariables(TestRequests.validRequest(properties))),
            true);

    // then Tasklist gets the reason to show, and nothing was started
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue(HttpHeaders.RETRY_AFTER)).hasValue("900");
    assertThat(new ObjectMapper().readTree(refused.body()).get("message").asText())
        .startsWith("You have 10 open deployment requests");
    assertThat(requestsOf(developer)).isEqualTo(10);
  }

  @Test
  void shouldLetOnlyAsManyParallelStartsThroughAsTheOpenRequestLimitLeaves() throws Exception {
    // given a developer with 7 open requests
    String developer = newDeveloper();
    for (int i = 0; i < 7; i++) {
      startAs(developer);
    }

    // when the developer's pipeline sends 8 starts at once
    List<Callable<HttpStatus>> starts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      starts.add(() -> HttpStatus.valueOf(submit(developer).getStatusCode().value()));
    }
    List<HttpStatus> answers = new ArrayList<>();
    ExecutorService pipeline = Executors.newFixedThreadPool(starts.size());
    try {
      for (Future<HttpStatus> answer : pipeline.invokeAll(starts)) {
        answers.add(answer.get());
      }
    } finally {
      pipeline.shutdownNow();
    }

    // then three go through and the others are refused: the limit holds for starts that race each
    // other
    assertThat(answers).filteredOn(HttpStatus.OK::equals).hasSize(3);
    assertThat(answers).filteredOn(HttpStatus.TOO_MANY_REQUESTS::equals).hasSize(5);
    assertThat(requestsOf(developer)).isEqualTo(10);
  }

  @Test
  void shouldNotLimitAdminsWhenTheyStartMoreThanEitherLimit() {
    // given an admin who started 20 requests within the hour, all still open
    long before = requestsOf("admin");
    for (int i = 0; i < 20; i++) {
      startAs("admin");
    }

    // when the admin starts one more
    ResponseEntity<JsonNode> started = submit("admin");

    // then it goes through
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(requestsOf("admin")).isEqualTo(before + 21);
  }

  @Test
  void shouldShowWhoHitALimitToDevSecOpsAndAdminsButNotToDevelopers() throws Exception {
    // given a developer refused twice over the open-request limit
    double refusalsBefore =
        meters.get("deployment.limits.hits").tag("limit", "open-requests").counter().count();
    String developer = newDeveloper();
    for (int i = 0; i < 10; i++) {
      startAs(developer);
    }
    assertThat(submit(developer).getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(submit(developer).getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

    // when DevSecOps, an admin and developers ask who hit a limit
    JsonNode hits =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    http.withBasicAuth("sofia", password())
                        .getForObject(
                            "/api/limits/hits?subject={subject}", JsonNode.class, developer),
                found -> found.size() == 1 && found.get(0).get("refused").asInt() == 2);
    ResponseEntity<JsonNode> count =
        http.withBasicAuth("admin", password())
            .getForEntity(
                "/api/limits/hits/count?limit=open-requests&subject={subject}",
                JsonNode.class,
                developer);
    ResponseEntity<String> asDeveloper =
        http.withBasicAuth(developer, password()).getForEntity("/api/limits/hits", String.class);
    ResponseEntity<String> asOtherDeveloper =
        http.withBasicAuth("dana", password()).getForEntity("/api/limits/hits/count", String.class);

    // then DevSecOps sees one episode of two refusals, the admin counts it, developers are refused
    JsonNode hit = hits.get(0);
    assertThat(hit.get("limit").asText()).isEqualTo("open-requests");
    assertThat(hit.get("subject").asText()).isEqualTo(developer);
    assertThat(hit.get("firstAt").asText()).isNotBlank();
    assertThat(count.getBody().get("count").asLong()).isEqualTo(1);
    assertThat(asDeveloper.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(asOtherDeveloper.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(asDeveloper.getBody() + asOtherDeveloper.getBody()).doesNotContain(developer);
    // and the refusals are counted in the metrics
    assertThat(meters.get("deployment.limits.hits").tag("limit", "open-requests").counter().count())
        .isEqualTo(refusalsBefore + 2);
  }

  private String newDeveloper() {
    return TestUsers.newDeveloper(identityService, "starter", password());
  }

  /**
   * A start through the Java API, as Tasklist's start form reaches the engine; the limits apply
   * there too.
   */
  private String startAs(String user) {
    List<String> groups =
        identityService.createGroupQuery().groupMember(user).list().stream()
            .map(group -> group.getId())
            .toList();
    identityService.setAuthentication(user, groups);
    try {
      String definition =
          repositoryService
              .createProcessDefinitionQuery()
              .processDefinitionKey(DeploymentRequestProcess.KEY)
              .latestVersion()
              .singleResult()
              .getId();
      return formService.submitStartForm(definition, TestRequests.validRequest(properties)).getId();
    } finally {
      identityService.clearAuthentication();
    }
  }

  private ResponseEntity<JsonNode> submit(String user) {
    return http.withBasicAuth(user, password())
        .postForEntity(
            "/engine-rest/process-definition/key/{key}/submit-form",
            restVariables(TestRequests.validRequest(properties)),
            JsonNode.class,
            DeploymentRequestProcess.KEY);
  }

  /** Sends the request's mail, as the job executor would (it is off in tests). */
  private void runJobs(String instance) {
    for (Job job :
        managementService.createJobQuery().processInstanceId(instance).executable().list()) {
      managementService.executeJob(job.getId());
    }
  }

  /**
   * Runs every job of the person's requests: a start that had slipped through would send its mail
   * now.
   */
  private void runJobsOf(String user) {
    requests(user).list().forEach(request -> runJobs(request.getId()));
  }

  private long requestsOf(String user) {
    return requests(user).count();
  }

  private HistoricProcessInstanceQuery requests(String user) {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(DeploymentRequestProcess.KEY)
        .startedBy(user);
  }

  private static long retryAfter(ResponseEntity<?> answer) {
    return Long.parseLong(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
  }

  private String password() {
    return properties.demo().password();
  }

  /**
   * Every copy of the processes' mails received (one per recipient), in the order received; not the
   * task mails of the requests started before, which go after commit on a thread of their own and
   * may still be arriving. A refused start creates no task: it has none.
   */
  private List<MimeMessage> processMails() throws MessagingException {
    List<MimeMessage> mails = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (!ReceivedMails.isTaskNotice(message)) {
        mails.add(message);
      }
    }
    return mails;
  }
}
