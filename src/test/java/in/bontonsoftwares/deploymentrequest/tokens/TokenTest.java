package in.bontonsoftwares.deploymentrequest.tokens;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.REVIEW_REQUEST;
import static in.bontonsoftwares.deploymentrequest.process.TestRequests.restVariables;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.database.SqlInstant;
import in.bontonsoftwares.deploymentrequest.identity.Groups;
import in.bontonsoftwares.deploymentrequest.identity.TestUsers;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import in.bontonsoftwares.deploymentrequest.security.WebappSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Personal access tokens over real HTTP, used the way a leaked or stale one would be. */
@WebAppTest
@ExtendWith(OutputCaptureExtension.class)
class TokenTest {

  @Autowired TestRestTemplate http;
  @Autowired DeploymentRequestProperties properties;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  @Test
  void shouldCreateListAndRevokeATokenShowingTheSecretOnceAndKeepingOnlyItsHash() {
    ResponseEntity<JsonNode> created =
        create("dana", "ci", Instant.now().plus(Duration.ofDays(30)));

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String secret = created.getBody().get("token").asText();
    long id = created.getBody().get("id").asLong();
    assertThat(secret).startsWith("drp_").hasSizeGreaterThan(40);
    assertThat(created.getHeaders().getLocation()).hasPath("/api/tokens/" + id);
    Map<String, Object> row = jdbc.queryForMap("select * from access_token where id = ?", id);
    assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(secret));
    assertThat(row.get("SECRET_HASH")).isEqualTo(AccessTokens.hash(secret));

    ResponseEntity<JsonNode> listed = as("dana").getForEntity("/api/tokens", JsonNode.class);
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(listed.getBody().toString()).doesNotContain(secret);
    assertThat(ids(listed.getBody())).contains(id);
    assertThat(ids(as("dev").getForEntity("/api/tokens", JsonNode.class).getBody()))
        .doesNotContain(id);
    assertThat(
            as("dana").getForEntity("/api/tokens?maxResults=501", JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);

    assertThat(withToken(secret, HttpMethod.GET, "/engine-rest/task").getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(revoke("dana", id)).isEqualTo(HttpStatus.NO_CONTENT);

    ResponseEntity<JsonNode> refused = withToken(secret, HttpMethod.GET, "/engine-rest/task");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(refused.getBody().get("detail").asText()).isEqualTo("The token has been revoked");
    assertThat(withToken(secret, HttpMethod.GET, "/api/tokens").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void shouldRefuseExpiredUnknownAndMalformedTokensWithTheReason() {
    String secret = secret("dana", "soon stale");
    jdbc.update(
        "update access_token set expires_at = ? where secret_hash = ?",
        SqlInstant.of(Instant.now().minusSeconds(1)),
        AccessTokens.hash(secret));

    assertRefused(secret, "The token has expired");
    assertRefused("drp_" + "A".repeat(43), "The token is unknown");
    assertRefused("not-a-token", "The token is malformed");
    assertRefused("", "The token is malformed");
  }

  @Test
  void shouldRefuseAnExpiryBeyondAYearOrInThePast() {
    assertThat(create("dana", "long", Instant.now().plus(Duration.ofDays(366))).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(create("dana", "past", Instant.now().minusSeconds(60)).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(create("dana", " ", Instant.now().plusSeconds(600)).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    Map<String, Object> badScope = new java.util.HashMap<>();
    badScope.put("name", "everything");
    badScope.put("scope", "ADMIN");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> refusedScope =
        as("dana")
            .postForEntity("/api/tokens", new HttpEntity<>(badScope, headers), JsonNode.class);
    assertThat(refusedScope.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refusedScope.getBody().get("detail").asText())
        .isEqualTo("scope must be one of API, CALENDAR_FEED");
    ResponseEntity<JsonNode> defaulted = create("dana", "a year", null);
    assertThat(defaulted.getBody().get("scope").asText()).isEqualTo("API");
    assertThat(defaulted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(Instant.parse(defaulted.getBody().get("expiresAt").asText()))
        .isBefore(Instant.now().plus(Duration.ofDays(365)).plusSeconds(60));
  }

  @Test
  void shouldNotLetATokenCreateTokens() {
    String secret = secret("dana", "ci");

    ResponseEntity<JsonNode> refused =
        http.exchange(
            "/api/tokens",
            HttpMethod.POST,
            new HttpEntity<>(
                Map.of("name", "child", "expiresAt", Instant.now().plusSeconds(600).toString()),
                headers(secret)),
            JsonNode.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getBody().get("detail").asText()).contains("cannot create tokens");
  }

  @Test
  void shouldLetOnlyTheOwnerOrAnAdminRevokeAToken() {
    ResponseEntity<JsonNode> created = create("dana", "ci", null);
    String secret = created.getBody().get("token").asText();
    long id = created.getBody().get("id").asLong();

    assertThat(revoke("dev", id)).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(revoke("sofia", id)).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(withToken(secret, HttpMethod.GET, "/engine-rest/task").getStatusCode())
        .isEqualTo(HttpStatus.OK);

    assertThat(revoke("admin", id)).isEqualTo(HttpStatus.NO_CONTENT);
    assertRefused(secret, "The token has been revoked");
    assertThat(
            jdbc.queryForObject(
                "select revoked_by from access_token where id = ?", String.class, id))
        .isEqualTo("admin");
    assertThat(revoke("admin", 987_654_321L)).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldActAsItsOwnerWithTheOwnersAuthorizationsAndSeparationOfDuties() {
    // a developer who is also in DevSecOps: separation of duties must hold for her token too
    String doubleHatUser =
        TestUsers.newDeveloper(identityService, "tess", properties.demo().password());
    identityService.createMembership(doubleHatUser, Groups.DEVSECOPS);
    String dana = secret("dana", "ci");
    String sofia = secret("sofia", "ops");
    String doubleHat = secret(doubleHatUser, "ci");

    String instance = start(dana);
    assertThat(runtimeService.getVariable(instance, DeploymentRequestProcess.Var.REQUESTER))
        .isEqualTo("dana");
    String review = reviewTask(instance);
    assertThat(taskIds(dana)).doesNotContain(review);
    assertThat(taskIds(sofia)).contains(review);

    String own = reviewTask(start(doubleHat));
    ResponseEntity<JsonNode> claimed =
        withToken(
            doubleHat,
            HttpMethod.POST,
            "/engine-rest/task/" + own + "/claim",
            Map.of("userId", doubleHatUser));
    assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(claimed.getBody().get("message").asText()).contains("own deployment request");
    assertThat(taskService.createTaskQuery().taskId(own).singleResult().getAssignee()).isNull();
  }

  @Test
  void shouldKeepPipelinesAwayFromReviewsAndTheWebapps() throws Exception {
    assertThat(identityService.createGroupQuery().groupMember("cibot").list())
        .extracting(group -> group.getId())
        .containsExactly(Groups.PIPELINES);
    String bot = secret("cibot", "pipeline");
    String review = reviewTask(start(secret("dana", "ci")));

    assertThat(taskIds(bot)).isEmpty();
    ResponseEntity<JsonNode> claimed =
        withToken(
            bot,
            HttpMethod.POST,
            "/engine-rest/task/" + review + "/claim",
            Map.of("userId", "cibot"));
    ResponseEntity<JsonNode> completed =
        withToken(
            bot,
            HttpMethod.POST,
            "/engine-rest/task/" + review + "/submit-form",
            restVariables(TestRequests.review("approve", "looks fine")));
    assertThat(claimed.getStatusCode().is4xxClientError()).isTrue();
    assertThat(completed.getStatusCode().is4xxClientError()).isTrue();
    assertThat(taskService.createTaskQuery().taskId(review).singleResult()).isNotNull();
    assertThat(taskService.createTaskQuery().taskId(review).singleResult().getAssignee()).isNull();

    // not even with the password, where a reviewer gets in
    assertThat(WebappSession.attempt(port, "sofia", properties.demo().password()).statusCode())
        .isEqualTo(200);
    assertThat(WebappSession.attempt(port, "cibot", properties.demo().password()).statusCode())
        .isNotEqualTo(200);
  }

  @Test
  void shouldStopWorkingWhenItsUserIsDeleted() {
    String leaver = TestUsers.newDeveloper(identityService, "leaver", properties.demo().password());
    String secret = secret(leaver, "ci");
    assertThat(withToken(secret, HttpMethod.GET, "/engine-rest/task").getStatusCode())
        .isEqualTo(HttpStatus.OK);

    identityService.deleteUser(leaver);

    assertRefused(secret, "The token's user no longer exists");
  }

  @Test
  void shouldRecordTheLastUse() {
    ResponseEntity<JsonNode> created = create("dev", "ci", null);
    String secret = created.getBody().get("token").asText();
    long id = created.getBody().get("id").asLong();
    assertThat(lastUse(id)).isNull();

    withToken(secret, HttpMethod.GET, "/api/tokens");
    Instant first = lastUse(id);
    withToken(secret, HttpMethod.GET, "/engine-rest/task");

    assertThat(first).isNotNull();
    // written at most once a minute
    assertThat(lastUse(id)).isEqualTo(first);
    JsonNode listed = as("dev").getForEntity("/api/tokens", JsonNode.class).getBody();
    assertThat(listed.findValuesAsText("lastUsedAt")).isNotEmpty();
  }

  @Test
  void shouldNeverLogAToken(CapturedOutput output) {
    String good = secret("dana", "ci");
    String revoked = create("dana", "old", null).getBody().get("token").asText();
    jdbc.update(
        "update access_token set revoked_at = ? where secret_hash = ?",
        SqlInstant.of(Instant.now()),
        AccessTokens.hash(revoked));

    withToken(good, HttpMethod.GET, "/engine-rest/task");
    withToken(good, HttpMethod.GET, "/engine-rest/task/no-such-task");
    withToken(revoked, HttpMethod.GET, "/engine-rest/task");
    withToken(good + "x", HttpMethod.GET, "/api/tokens");

    assertThat(output.getAll()).doesNotContain(good).doesNotContain(revoked);
    assertThat(output.getAll()).doesNotContain(good.substring(4));
  }

  private void assertRefused(String secret, String reason) {
    for (String path : List.of("/engine-rest/task", "/api/tokens")) {
      ResponseEntity<JsonNode> refused = withToken(secret, HttpMethod.GET, path);
      assertThat(refused.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(refused.getHeaders().getContentType())
          .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(refused.getBody().get("detail").asText()).isEqualTo(reason);
      assertThat(refused.getBody().toString()).doesNotContain("Exception");
    }
  }

  private String start(String secret) {
    ResponseEntity<JsonNode> started =
        withToken(
            secret,
            HttpMethod.POST,
            "/engine-rest/process-definition/key/" + DeploymentRequestProcess.KEY + "/submit-form",
            restVariables(TestRequests.validRequest(properties)));
    assertThat(started.getStatusCode())
        .as(String.valueOf(started.getBody()))
        .isEqualTo(HttpStatus.OK);
    return started.getBody().get("id").asText();
  }

  /** Sends the request mail (the job executor is off in tests) so that the review task exists. */
  private String reviewTask(String instance) {
    for (Job job :
        managementService.createJobQuery().processInstanceId(instance).executable().list()) {
      managementService.executeJob(job.getId());
    }
    return taskService
        .createTaskQuery()
        .processInstanceId(instance)
        .taskDefinitionKey(REVIEW_REQUEST)
        .singleResult()
        .getId();
  }

  private List<String> taskIds(String secret) {
    ResponseEntity<JsonNode> tasks =
        withToken(secret, HttpMethod.GET, "/engine-rest/task?maxResults=500");
    assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
    return tasks.getBody().findValuesAsText("id");
  }

  private Instant lastUse(long id) {
    return jdbc.query(
            "select last_used_at from access_token where id = ?",
            (rs, n) -> SqlInstant.read(rs, "last_used_at"),
            id)
        .get(0);
  }

  private static List<Long> ids(JsonNode list) {
    return list.findValues("id").stream().map(JsonNode::asLong).toList();
  }

  private ResponseEntity<JsonNode> create(String user, String name, Instant expiresAt) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("name", name);
    if (expiresAt != null) {
      body.put("expiresAt", expiresAt.toString());
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as(user).postForEntity("/api/tokens", new HttpEntity<>(body, headers), JsonNode.class);
  }

  private String secret(String user, String name) {
    ResponseEntity<JsonNode> created = create(user, name, null);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return created.getBody().get("token").asText();
  }

  private HttpStatus revoke(String user, long id) {
    return HttpStatus.valueOf(
        as(user)
            .exchange("/api/tokens/" + id, HttpMethod.DELETE, null, Void.class)
            .getStatusCode()
            .value());
  }

  private ResponseEntity<JsonNode> withToken(String secret, HttpMethod method, String path) {
    return withToken(secret, method, path, null);
  }

  private ResponseEntity<JsonNode> withToken(
      String secret, HttpMethod method, String path, Object body) {
    return http.exchange(path, method, new HttpEntity<>(body, headers(secret)), JsonNode.class);
  }

  private static HttpHeaders headers(String secret) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + secret);
    return headers;
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, properties.demo().password());
  }
}
