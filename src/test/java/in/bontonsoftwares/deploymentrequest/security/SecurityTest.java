package in.bontonsoftwares.deploymentrequest.security;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.REVIEW_REQUEST;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.CHANGE_DESCRIPTION;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.PROJECT_NAME;
import static in.bontonsoftwares.deploymentrequest.process.TestRequests.restVariables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.identity.Groups;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Attempts to act or read where one does not belong, over real HTTP. Each test asserts the refusal
 * and that nothing changed.
 */
@WebAppTest
class SecurityTest {

  /** A developer who is also in DevSecOps: the case separation of duties exists for. */
  private static final String DOUBLE_HAT = "riley";

  @Autowired TestRestTemplate http;
  @Autowired DeploymentRequestProperties properties;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired RepositoryService repositoryService;
  @Autowired GreenMail smtp;
  @LocalServerPort int port;

  @BeforeEach
  void doubleHatUser() throws Exception {
    if (identityService.createUserQuery().userId(DOUBLE_HAT).count() == 0) {
      User user = identityService.newUser(DOUBLE_HAT);
      user.setEmail("riley@example.com");
      user.setPassword(properties.demo().password());
      identityService.saveUser(user);
      identityService.createMembership(DOUBLE_HAT, Groups.DEVELOPERS);
      identityService.createMembership(DOUBLE_HAT, Groups.DEVSECOPS);
    }
    smtp.purgeEmailFromAllMailboxes();
  }

  @Test
  void shouldRefuseAnonymousCallsAndStartNothing() {
    long before = instances();

    ResponseEntity<String> start =
        http.postForEntity(
            "/engine-rest/process-definition/key/{key}/submit-form",
            json(restVariables(TestRequests.validRequest(properties))),
            String.class,
            DeploymentRequestProcess.KEY);

    assertThat(start.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/api/change-tickets", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/api/mailbox", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(instances()).isEqualTo(before);
    // only the health probes are open
    assertThat(http.getForEntity("/actuator/health/readiness", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldRefuseAWrongPassword() {
    assertThat(
            http.withBasicAuth("quinn", "Wrong-pass-2026")
                .getForEntity("/engine-rest/task", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(
            http.withBasicAuth("sam", "Wrong-pass-2026")
                .getForEntity("/api/change-tickets", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void shouldKeepADevelopersRequestFromOtherDevelopers() {
    String instance = start("dana");

    ResponseEntity<String> variables =
        as("dev")
            .getForEntity("/engine-rest/process-instance/{id}/variables", String.class, instance);
    JsonNode history =
        as("dev")
            .getForObject(
                "/engine-rest/history/process-instance?processInstanceId={id}",
                JsonNode.class,
                instance);
    JsonNode historicVariables =
        as("dev")
            .getForObject(
                "/engine-rest/history/variable-instance?processInstanceId={id}",
                JsonNode.class,
                instance);

    assertThat(variables.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(variables.getBody()).doesNotContain("payments-api");
    assertThat(history).isEmpty();
    assertThat(historicVariables).isEmpty();
    // while the requester sees their own request, DevSecOps sees all
    assertThat(
            as("dana")
                .getForEntity(
                    "/engine-rest/process-instance/{id}/variables", String.class, instance)
                .getBody())
        .contains("payments-api");
    assertThat(
            as("dana")
                .getForObject(
                    "/engine-rest/history/process-instance?processInstanceId={id}",
                    JsonNode.class,
                    instance))
        .hasSize(1);
    assertThat(
            as("sofia")
                .getForObject(
                    "/engine-rest/history/process-instance?processInstanceId={id}",
                    JsonNode.class,
                    instance))
        .hasSize(1);
  }

  @Test
  void shouldNotLetADeveloperCompleteADevSecOpsTask() {
    String instance = start("dana");
    String review = reviewTask(instance);

    ResponseEntity<String> completed =
        as("dev")
            .postForEntity(
                "/engine-rest/task/{id}/complete",
                json(restVariables(TestRequests.review("approve", "fine"))),
                String.class,
                review);
    ResponseEntity<String> claimed =
        as("dev")
            .postForEntity(
                "/engine-rest/task/{id}/claim",
                json(Map.of("userId", "dev")),
                String.class,
                review);

    assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    Task task = taskService.createTaskQuery().taskId(review).singleResult();
    assertThat(task).isNotNull();
    assertThat(task.getAssignee()).isNull();
  }

  @Test
  void shouldNotLetTheRequesterClaimCompleteOrBeAssignedTheirOwnReviewOverRest() {
    String instance = start(DOUBLE_HAT);
    String review = reviewTask(instance);

    ResponseEntity<JsonNode> claimed =
        as(DOUBLE_HAT)
            .postForEntity(
                "/engine-rest/task/{id}/claim",
                json(Map.of("userId", DOUBLE_HAT)),
                JsonNode.class,
                review);
    ResponseEntity<JsonNode> assigned =
        as("admin")
            .postForEntity(
                "/engine-rest/task/{id}/assignee",
                json(Map.of("userId", DOUBLE_HAT)),
                JsonNode.class,
                review);
    ResponseEntity<JsonNode> completed =
        as(DOUBLE_HAT)
            .postForEntity(
                "/engine-rest/task/{id}/submit-form",
                json(restVariables(TestRequests.review("approve", "self-approved"))),
                JsonNode.class,
                review);

    for (ResponseEntity<JsonNode> refused : List.of(claimed, assigned, completed)) {
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody().get("message").asText()).contains("own deployment request");
    }
    Task task = taskService.createTaskQuery().taskId(review).singleResult();
    assertThat(task.getAssignee()).isNull();
    assertThat(runtimeService.getVariable(instance, "reviewDecision")).isNull();
  }

  @Test
  void shouldNotLetTheRequesterTakeOnTheirOwnReviewThroughTheJavaApi() {
    String instance = start(DOUBLE_HAT);
    String review = reviewTask(instance);
    identityService.setAuthentication(DOUBLE_HAT, List.of(Groups.DEVELOPERS, Groups.DEVSECOPS));
    try {
      Throwable claimed = catchThrowable(() -> taskService.claim(review, DOUBLE_HAT));
      Throwable completed =
          catchThrowable(() -> taskService.complete(review, TestRequests.review("approve", "ok")));

      assertThat(claimed).hasStackTraceContaining("it is their own deployment request");
      assertThat(completed).hasStackTraceContaining("it is their own deployment request");
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(taskService.createTaskQuery().taskId(review).singleResult().getAssignee()).isNull();
  }

  @Test
  void shouldSendSecurityHeadersAndNoStackTraces() {
    ResponseEntity<String> tasklist =
        http.getForEntity("/camunda/app/tasklist/default/", String.class);
    ResponseEntity<String> api =
        as("sofia").getForEntity("/api/change-tickets/CHG-1900-0001", String.class);

    assertThat(tasklist.getHeaders().getFirst("Content-Security-Policy")).isNotBlank();
    assertThat(tasklist.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(api.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(api.getBody()).doesNotContain("Exception", "at org.", "at in.");
    assertThat(http.getForEntity("/h2-console", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldNotLetTheRequesterClaimTheirOwnReviewInTasklist() throws Exception {
    String instance = start(DOUBLE_HAT);
    String review = reviewTask(instance);
    WebappSession tasklist = WebappSession.login(port, DOUBLE_HAT, properties.demo().password());

    HttpResponse<String> claimed =
        tasklist.post(
            "/camunda/api/engine/engine/default/task/" + review + "/claim",
            "{\"userId\":\"" + DOUBLE_HAT + "\"}",
            true);

    assertThat(claimed.statusCode()).isEqualTo(403);
    assertThat(claimed.body())
        .contains(
            "riley cannot take on \\\"Review deployment request\\\": it is their own "
                + "deployment request")
        .doesNotContain("ENGINE-", "at org.");
    assertThat(taskService.createTaskQuery().taskId(review).singleResult().getAssignee()).isNull();
  }

  @Test
  void shouldRefuseAWebappPostWithoutTheCsrfToken() throws Exception {
    String instance = start("dana");
    String review = reviewTask(instance);
    WebappSession tasklist = WebappSession.login(port, "sofia", properties.demo().password());

    HttpResponse<String> claimed =
        tasklist.post(
            "/camunda/api/engine/engine/default/task/" + review + "/claim",
            "{\"userId\":\"sofia\"}",
            false);

    assertThat(claimed.statusCode()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(review).singleResult().getAssignee()).isNull();
    // with the token the same claim goes through
    WebappSession again = WebappSession.login(port, "sofia", properties.demo().password());
    assertThat(
            again
                .post(
                    "/camunda/api/engine/engine/default/task/" + review + "/claim",
                    "{\"userId\":\"sofia\"}",
                    true)
                .statusCode())
        .isEqualTo(204);
  }

  @Test
  void shouldLetOnlyAdminsDeploy() {
    long deployments = repositoryService.createDeploymentQuery().count();
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("deployment-name", "sneaky");
    form.add(
        "data",
        new ByteArrayResource(
            ("<?xml version=\"1.0\"?><definitions xmlns=\"http://www.omg.org/spec/"
                    + "BPMN/20100524/MODEL\" targetNamespace=\"x\"><process id=\"Sneaky\" isExecutable=\"true\"/></definitions>")
                .getBytes()) {
          @Override
          public String getFilename() {
            return "sneaky.bpmn";
          }
        });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);

    ResponseEntity<String> deployed =
        as("sofia")
            .postForEntity(
                "/engine-rest/deployment/create", new HttpEntity<>(form, headers), String.class);

    assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  @Test
  void shouldKeepInjectedHeadersAndScriptsOutOfTheMail() throws Exception {
    Map<String, Object> request = TestRequests.validRequest(properties);
    request.put(PROJECT_NAME, "Payments\r\nBcc: evil@example.com\r\nX-Injected: yes");
    request.put(CHANGE_DESCRIPTION, "<script>alert('x')</script><img src=x onerror=alert(1)>");
    String instance = start("dana", request);

    runJobs(instance);

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).isNotEmpty();
    for (MimeMessage mail : received) {
      assertThat(mail.getSubject())
          .doesNotContain("\r", "\n")
          .startsWith("Payments Bcc: evil@example.com");
      assertThat(mail.getHeader("X-Injected")).isNull();
      assertThat(Arrays.stream(mail.getAllRecipients()).map(Address::toString))
          .doesNotContain("evil@example.com");
    }
    assertThat(smtp.getReceivedMessagesForDomain("evil@example.com")).isEmpty();
    JsonNode mailbox = as("admin").getForObject("/api/mailbox", JsonNode.class);
    String html = mailbox.get(0).get("html").asText();
    assertThat(html)
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .doesNotContain("<script>", "<img");
  }

  @Test
  void shouldRefuseExpressionsInTaskQueriesAlsoInsideOrQueries() {
    String expression = "${execution.getProcessEngineServices().getIdentityService()}";

    ResponseEntity<String> plain =
        as("dana")
            .getForEntity("/engine-rest/task?assigneeExpression={e}", String.class, expression);
    ResponseEntity<String> nested =
        as("dana")
            .postForEntity(
                "/engine-rest/task",
                json(Map.of("orQueries", List.of(Map.of("assigneeExpression", expression)))),
                String.class);

    assertThat(plain.getStatusCode().is4xxClientError()).as(plain.getBody()).isTrue();
    assertThat(nested.getStatusCode().is4xxClientError()).as(nested.getBody()).isTrue();
    assertThat(plain.getBody() + nested.getBody()).doesNotContain("at org.");
  }

  @Test
  void shouldRefuseJavaSerializedVariables() {
    long before = instances();
    Map<String, Object> body =
        new LinkedHashMap<>(restVariables(TestRequests.validRequest(properties)));
    @SuppressWarnings("unchecked")
    Map<String, Object> variables =
        new LinkedHashMap<>((Map<String, Object>) body.get("variables"));
    // in a field the start form has, so that it is the value's kind that is refused
    variables.put(
        CHANGE_DESCRIPTION,
        Map.of(
            "value",
            "rO0ABXQABGV2aWw=",
            "type",
            "Object",
            "valueInfo",
            Map.of(
                "objectTypeName",
                "java.lang.String",
                "serializationDataFormat",
                "application/x-java-serialized-object")));
    body.put("variables", variables);

    ResponseEntity<String> refused =
        as("dana")
            .postForEntity(
                "/engine-rest/process-definition/key/{key}/submit-form",
                json(body),
                String.class,
                DeploymentRequestProcess.KEY);

    assertThat(refused.getStatusCode().is2xxSuccessful()).as(refused.getBody()).isFalse();
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody())
        .contains(CHANGE_DESCRIPTION + " must be a text")
        .doesNotContain("at org.");
    assertThat(instances()).isEqualTo(before);
  }

  @Test
  void shouldRefuseOversizedRequests() {
    long before = instances();
    Map<String, Object> request = TestRequests.validRequest(properties);
    request.put(CHANGE_DESCRIPTION, "x".repeat(1_000_000));

    ResponseEntity<String> refused =
        as("dana")
            .postForEntity(
                "/engine-rest/process-definition/key/{key}/submit-form",
                json(restVariables(request)),
                String.class,
                DeploymentRequestProcess.KEY);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(instances()).isEqualTo(before);
  }

  @Test
  void shouldRecordClaimsCompletionsAndDecisionsWithTheActingUser() {
    String instance = start("dana");
    String review = reviewTask(instance);

    assertThat(
            as("sofia")
                .postForEntity(
                    "/engine-rest/task/{id}/claim",
                    json(Map.of("userId", "sofia")),
                    String.class,
                    review)
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(
            as("sofia")
                .postForEntity(
                    "/engine-rest/task/{id}/submit-form",
                    json(restVariables(TestRequests.review("reject", "No business case"))),
                    String.class,
                    review)
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    runJobs(instance);

    List<UserOperationLogEntry> log =
        historyService.createUserOperationLogQuery().processInstanceId(instance).list();
    assertThat(log)
        .anyMatch(
            entry ->
                UserOperationLogEntry.OPERATION_TYPE_CLAIM.equals(entry.getOperationType())
                    && "sofia".equals(entry.getUserId()));
    assertThat(log)
        .anyMatch(
            entry ->
                UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(entry.getOperationType())
                    && "sofia".equals(entry.getUserId())
                    && review.equals(entry.getTaskId())
                    && entry.getAnnotation().startsWith("Decision: reject; risk: medium"));
    assertThat(log)
        .anyMatch(
            entry ->
                UserOperationLogEntry.OPERATION_TYPE_CREATE.equals(entry.getOperationType())
                    && "dana".equals(entry.getUserId()));
  }

  private String start(String requester) {
    return start(requester, TestRequests.validRequest(properties));
  }

  private String start(String requester, Map<String, Object> request) {
    ResponseEntity<JsonNode> started =
        as(requester)
            .postForEntity(
                "/engine-rest/process-definition/key/{key}/submit-form",
                json(restVariables(request)),
                JsonNode.class,
                DeploymentRequestProcess.KEY);
    assertThat(started.getStatusCode())
        .as(started.getStatusCode() + " " + started.getBody())
        .isEqualTo(HttpStatus.OK);
    return started.getBody().get("id").asText();
  }

  /** Sends the request mail (the job executor is off in tests) so that the review task exists. */
  private String reviewTask(String instance) {
    runJobs(instance);
    return taskService
        .createTaskQuery()
        .processInstanceId(instance)
        .taskDefinitionKey(REVIEW_REQUEST)
        .singleResult()
        .getId();
  }

  private void runJobs(String instance) {
    for (Job job :
        managementService.createJobQuery().processInstanceId(instance).executable().list()) {
      managementService.executeJob(job.getId());
    }
  }

  private long instances() {
    return historyService.createHistoricProcessInstanceQuery().count();
  }

  private TestRestTemplate as(String user) {
    return new DemoUsersRest(http, properties).as(user);
  }

  private static HttpEntity<Object> json(Object body) {
    return DemoUsersRest.json(body);
  }
}
