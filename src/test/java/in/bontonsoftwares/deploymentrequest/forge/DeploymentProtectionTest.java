package in.bontonsoftwares.deploymentrequest.forge;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.forge.ForgeServer.Call;
import in.bontonsoftwares.deploymentrequest.process.EngineRequests;
import in.bontonsoftwares.deploymentrequest.process.ProcessTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * GitHub's custom deployment protection rule and GitLab's deployment approvals against a local
 * server that answers as GitHub's and GitLab's APIs do: a signed {@code deployment_protection_rule}
 * webhook in; the App's JWT (verified here with its public key) for an installation token, the
 * status reports and the callback out, approved once when the window opens, rejected when the
 * request is; a forged signature, a replayed delivery, a foreign callback URL and deployments that
 * match no request; GitLab's blocked deployment approved with the project token and rejected on
 * STOP, its failed calls retried. The watch runs on its own thread, as in production; the tests
 * wait for what it sends.
 */
@WebAppTest
@ExtendWith(OutputCaptureExtension.class)
class DeploymentProtectionTest extends ProcessTestSupport {

  static final String SECRET = "webhook-secret-for-tests-0123456789";
  static final String APP_ID = "424242";
  static final String REPOSITORY = "bonton/payments-api";
  static final long REPOSITORY_ID = 5550001;
  static final long INSTALLATION = 77;
  static final String GITLAB_PROJECT = "42";
  static final KeyPair KEYS = keyPair();
  static final ForgeServer FORGE = new ForgeServer();
  static final AtomicLong RUNS =
      new AtomicLong(9_000_000 + ThreadLocalRandom.current().nextInt(1000));
  static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void forges(DynamicPropertyRegistry registry) {
    registry.add("deployment-request.github.app-id", () -> APP_ID);
    registry.add("deployment-request.github.private-key", DeploymentProtectionTest::pkcs1Pem);
    registry.add("deployment-request.github.webhook-secret", () -> SECRET);
    registry.add("deployment-request.github.api-url", () -> FORGE.url("/github"));
    registry.add("deployment-request.github.environments.prod", () -> "production");
    registry.add("deployment-request.github.repositories[0]", () -> REPOSITORY);
    registry.add("deployment-request.gitlab.url", () -> FORGE.url("/gitlab"));
    registry.add("deployment-request.gitlab.token", () -> ForgeServer.GITLAB_TOKEN);
    registry.add("deployment-request.gitlab.projects[0]", () -> GITLAB_PROJECT);
    registry.add("deployment-request.gitlab.environments.production", () -> "production");
    registry.add("deployment-request.gitlab.poll-every", () -> "PT0.2S");
    registry.add("deployment-request.gitlab.play-after-approval", () -> "true");
    registry.add("deployment-request.forges.recheck-every", () -> "PT0.3S");
    registry.add("deployment-request.forges.delivery.max-attempts", () -> "3");
    registry.add("deployment-request.forges.delivery.first-backoff", () -> "PT0.05S");
    registry.add("deployment-request.forges.delivery.max-backoff", () -> "PT0.1S");
    registry.add("deployment-request.forges.delivery.timeout", () -> "PT2S");
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  EngineRequests requests;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void requests() {
    requests = EngineRequests.of(engine, properties);
  }

  @AfterAll
  static void stopServer() {
    FORGE.close();
  }

  @Test
  void shouldReportWhileScheduledAndApproveOnceWhenTheWindowOpens(CapturedOutput output)
      throws Exception {
    // given a request for a commit, approved and scheduled for a window two hours ahead
    String commit = commit();
    String number = inReview(commit);
    requests.approve(number);
    requests.schedule(number, TestClock.now().plus(Duration.ofHours(2)));
    long run = RUNS.incrementAndGet();

    // when GitHub holds a job of that commit in the environment "prod"
    HttpResponse<String> held =
        webhook(UUID.randomUUID().toString(), deployment(run, "prod", commit, null));

    // then it is matched with the request, and GitHub hears that the window has not opened
    assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
    assertThat(JSON.readTree(held.body()).path("requestNumber").asText()).isEqualTo(number);
    Call report =
        await().atMost(Duration.ofSeconds(10)).until(() -> reviews(run), l -> !l.isEmpty()).get(0);
    assertThat(report.body().has("state")).as("a status report carries no state").isFalse();
    assertThat(report.body().path("environment_name").asText()).isEqualTo("prod");
    assertThat(report.body().path("comment").asText())
        .contains(number, "WINDOW_NOT_OPEN")
        .hasSizeLessThanOrEqualTo(1024);
    assertThat(report.header("Authorization"))
        .isEqualTo("Bearer " + ForgeServer.INSTALLATION_TOKEN);
    assertThat(report.header("Accept")).isEqualTo("application/vnd.github+json");
    assertThat(report.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    // the installation token was bought with the App's JWT, for this repository only
    Call token = FORGE.calls("/app/installations/" + INSTALLATION + "/access_tokens").get(0);
    assertAppJwt(token.header("Authorization"));
    assertThat(token.body().path("repository_ids").get(0).asLong()).isEqualTo(REPOSITORY_ID);
    assertThat(token.body().path("permissions").path("deployments").asText()).isEqualTo("write");
    assertThat(approvals(run)).isEmpty();

    long offset = TestClock.offset();
    try {
      // when the window opens and its timer fires
      TestClock.advance(Duration.ofHours(2).plusMinutes(1));
      runDueJobs(instance(number));

      // then GitHub gets the approval, once
      await().atMost(Duration.ofSeconds(10)).until(() -> approvals(run).size() == 1);
      await()
          .during(Duration.ofMillis(1200))
          .atMost(Duration.ofSeconds(3))
          .until(() -> approvals(run).size() == 1);
      Call approval = approvals(run).get(0);
      assertThat(approval.body().path("state").asText()).isEqualTo("approved");
      assertThat(approval.body().path("environment_name").asText()).isEqualTo("prod");
      assertThat(approval.body().path("comment").asText()).contains(number, "window is open");
      assertThat(state(run)).isEqualTo(HeldDeployments.DONE);
      // and the GO is recorded with the pipeline gate's
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from gate_go where request_number = ? and user_id = ?",
                  Integer.class,
                  number,
                  "github-app"))
          .isEqualTo(1);
    } finally {
      TestClock.restore(offset);
    }
    assertNoSecretIn(output);
  }

  @Test
  void shouldRejectTheHeldJobWhenTheRequestIsRejected() throws Exception {
    String commit = commit();
    String number = inReview(commit);
    long run = RUNS.incrementAndGet();
    webhook(UUID.randomUUID().toString(), deployment(run, "prod", commit, null));
    Call report =
        await().atMost(Duration.ofSeconds(10)).until(() -> reviews(run), l -> !l.isEmpty()).get(0);
    assertThat(report.body().path("comment").asText()).contains(number, "IN_REVIEW");

    // when DevSecOps rejects the request
    requests.reject(number);

    // then GitHub's job is rejected, with the reason
    Call rejection =
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(run), l -> !l.isEmpty()).get(0);
    assertThat(rejection.body().path("state").asText()).isEqualTo("rejected");
    assertThat(rejection.body().path("comment").asText())
        .contains(number, "REJECTED", "was rejected");
    await()
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(2))
        .until(() -> answers(run).size() == 1);
  }

  @Test
  void shouldRefuseAForgedOrMissingSignatureAndDoNothing() throws Exception {
    String commit = commit();
    inReview(commit);
    long run = RUNS.incrementAndGet();
    String delivery = UUID.randomUUID().toString();
    byte[] body = deployment(run, "prod", commit, null).getBytes(StandardCharsets.UTF_8);
    byte[] other = deployment(run + 1, "prod", commit, null).getBytes(StandardCharsets.UTF_8);

    for (String signature :
        Arrays.asList(
            null,
            "sha256=" + HexFormat.of().formatHex(GitHubSignature.sign("another secret", body)),
            "sha256=" + HexFormat.of().formatHex(GitHubSignature.sign(SECRET, other)),
            "sha1=" + HexFormat.of().formatHex(GitHubSignature.sign(SECRET, body)),
            "sha256=not-hex")) {
      HttpResponse<String> refused = post(delivery, "deployment_protection_rule", body, signature);
      assertThat(refused.statusCode()).as(String.valueOf(signature)).isEqualTo(401);
    }
    assertThat(rows(delivery)).isZero();
    await()
        .during(Duration.ofMillis(700))
        .atMost(Duration.ofSeconds(2))
        .until(() -> reviews(run).isEmpty());
  }

  @Test
  void shouldTakeADeliveryOnceWhenGitHubSendsItAgain() throws Exception {
    String commit = commit();
    String number = inReview(commit);
    long run = RUNS.incrementAndGet();
    String delivery = UUID.randomUUID().toString();
    String payload = deployment(run, "prod", commit, null);

    HttpResponse<String> first = webhook(delivery, payload);
    HttpResponse<String> again = webhook(delivery, payload);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("duplicate");
    assertThat(rows(delivery)).isOne();
    requests.reject(number);
    await().atMost(Duration.ofSeconds(10)).until(() -> answers(run).size() == 1);
    webhook(delivery, payload);
    await()
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(2))
        .until(() -> answers(run).size() == 1);
  }

  @Test
  void shouldRejectDeploymentsThatMatchNoRequestWithTheReason() throws Exception {
    String commit = commit();
    inReview(commit);
    long unknownCommit = RUNS.incrementAndGet();
    long unmappedEnvironment = RUNS.incrementAndGet();
    long otherRequestNumber = RUNS.incrementAndGet();

    webhook(UUID.randomUUID().toString(), deployment(unknownCommit, "prod", commit(), null));
    webhook(
        UUID.randomUUID().toString(), deployment(unmappedEnvironment, "staging-eu", commit, null));
    webhook(
        UUID.randomUUID().toString(),
        deployment(
            otherRequestNumber, "prod", commit, "{\"deploymentRequest\": \"DR-1999-0001\"}"));

    assertThat(rejection(unknownCommit)).contains("No deployment request for commit");
    assertThat(rejection(unmappedEnvironment))
        .contains("\"staging-eu\"", "not in its configuration");
    assertThat(rejection(otherRequestNumber))
        .contains("There is no deployment request DR-1999-0001");
    // a payload naming a request of another commit
    String otherNumber = inReview(commit());
    long otherCommit = RUNS.incrementAndGet();
    webhook(
        UUID.randomUUID().toString(),
        deployment(
            otherCommit, "prod", commit, "{\"deploymentRequest\": \"" + otherNumber + "\"}"));
    assertThat(rejection(otherCommit)).contains(otherNumber + " was reviewed for commit");
    for (long run : List.of(unknownCommit, unmappedEnvironment, otherRequestNumber, otherCommit)) {
      assertThat(reviews(run))
          .extracting(call -> call.body().path("state").asText())
          .containsOnly("rejected");
    }
  }

  @Test
  void shouldNeverSendTheTokenToACallbackOutsideGitHubsApi() throws Exception {
    String commit = commit();
    inReview(commit);
    long run = RUNS.incrementAndGet();
    String delivery = UUID.randomUUID().toString();
    String payload =
        deployment(run, "prod", commit, null)
            .replace(
                FORGE.url("/github") + "/repos/" + REPOSITORY,
                "https://evil.example.com/repos/" + REPOSITORY);
    int tokensBefore = FORGE.calls("/access_tokens").size();

    HttpResponse<String> refused = webhook(delivery, payload);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(rows(delivery)).isZero();
    assertThat(FORGE.calls("/access_tokens")).hasSize(tokensBefore);
  }

  @Test
  void shouldIgnoreOtherEvents() throws Exception {
    String delivery = UUID.randomUUID().toString();
    byte[] body =
        "{\"action\":\"created\",\"zen\":\"Keep it logically awesome.\"}"
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> push = post(delivery, "push", body, sign(body));
    HttpResponse<String> ping = post(delivery, "ping", body, sign(body));
    assertThat(push.statusCode()).isEqualTo(202);
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(rows(delivery)).isZero();
  }

  @Test
  void shouldApproveABlockedGitLabDeploymentInTheWindowAfterARetry() throws Exception {
    // given a request in its window and GitLab's approval answering 503 twice
    String commit = commit();
    ProcessInstance request = atExecution(withCommit(commit));
    long deployment = RUNS.incrementAndGet();
    FORGE.fail("/deployments/" + deployment + "/approval", 2);

    // when GitLab holds a deployment of its commit in production
    FORGE.block(GITLAB_PROJECT, "production", deployment, commit);

    // then the deployment is approved with the project token, the request named in the comment
    await().atMost(Duration.ofSeconds(10)).until(() -> gitlabApprovals(deployment).size() == 3);
    List<Call> calls = gitlabApprovals(deployment);
    assertThat(calls)
        .allMatch(call -> ForgeServer.GITLAB_TOKEN.equals(call.header("PRIVATE-TOKEN")));
    JsonNode body = calls.get(2).body();
    assertThat(body.path("status").asText()).isEqualTo("approved");
    assertThat(body.path("comment").asText()).contains(request.getBusinessKey());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> HeldDeployments.DONE.equals(gitlabState(deployment)));
    // and its job, which GitLab leaves in its manual state, is run
    assertThat(
            FORGE.calls(
                "/projects/" + GITLAB_PROJECT + "/jobs/" + (deployment + 500_000) + "/play"))
        .singleElement()
        .satisfies(
            play -> assertThat(play.header("PRIVATE-TOKEN")).isEqualTo(ForgeServer.GITLAB_TOKEN));
    await()
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(2))
        .until(() -> gitlabApprovals(deployment).size() == 3);
  }

  @Test
  void shouldRejectABlockedGitLabDeploymentOfARejectedRequest() throws Exception {
    String commit = commit();
    String number = inReview(commit);
    requests.reject(number);
    long deployment = RUNS.incrementAndGet();

    FORGE.block(GITLAB_PROJECT, "production", deployment, commit);

    await().atMost(Duration.ofSeconds(10)).until(() -> gitlabApprovals(deployment).size() == 1);
    JsonNode body = gitlabApprovals(deployment).get(0).body();
    assertThat(body.path("status").asText()).isEqualTo("rejected");
    assertThat(body.path("comment").asText()).contains(number, "REJECTED");
    assertThat(FORGE.calls("/jobs/" + (deployment + 500_000) + "/play")).isEmpty();
  }

  @Test
  void shouldLetGoOfAGitLabDeploymentThatIsNoLongerBlocked() throws Exception {
    String commit = commit();
    inReview(commit);
    long deployment = RUNS.incrementAndGet();
    FORGE.block(GITLAB_PROJECT, "production", deployment, commit);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> HeldDeployments.WAITING.equals(gitlabState(deployment)));

    // when someone else decides it in GitLab
    FORGE.unblock(deployment);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> HeldDeployments.GONE.equals(gitlabState(deployment)));
    assertThat(gitlabApprovals(deployment)).isEmpty();
  }

  @Test
  void shouldGiveUpAfterTheLastAttemptWithAnErrorAndTheMetric(CapturedOutput output)
      throws Exception {
    String commit = commit();
    String number = inReview(commit);
    requests.reject(number);
    long deployment = RUNS.incrementAndGet();
    double before = meters.counter("deployment.forge.failures").count();
    FORGE.fail("/deployments/" + deployment + "/approval", 100);

    FORGE.block(GITLAB_PROJECT, "production", deployment, commit);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> HeldDeployments.FAILED.equals(gitlabState(deployment)));
    assertThat(gitlabApprovals(deployment)).hasSize(3);
    assertThat(meters.counter("deployment.forge.failures").count()).isEqualTo(before + 1);
    assertThat(output.getOut()).contains("ERROR", "FAILED after 3 attempt(s)", number);
    assertNoSecretIn(output);

    // and an admin sees it and retries it once GitLab answers again; nobody else may
    JsonNode failed = admin("GET", "/api/forge/deployments?state=FAILED", "admin");
    JsonNode row =
        java.util.stream.StreamSupport.stream(failed.spliterator(), false)
            .filter(d -> number.equals(d.path("requestNumber").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(row.path("lastError").asText()).isEqualTo("rejection: HTTP 503");
    assertThat(row.toString()).doesNotContain(ForgeServer.GITLAB_TOKEN);
    assertThat(adminStatus("GET", "/api/forge/deployments", "sofia")).isEqualTo(403);
    FORGE.fail("/deployments/" + deployment + "/approval", 0);
    admin("POST", "/api/forge/deployments/" + row.path("id").asLong() + "/retry", "admin");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> HeldDeployments.DONE.equals(gitlabState(deployment)));
    assertThat(gitlabApprovals(deployment)).hasSize(4);
  }

  HttpResponse<String> call(String method, String path, String user) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (user + ":" + properties.demo().password()).getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Basic " + basic)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonNode admin(String method, String path, String user) throws Exception {
    HttpResponse<String> answer = call(method, path, user);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  int adminStatus(String method, String path, String user) throws Exception {
    return call(method, path, user).statusCode();
  }

  /** Neither the webhook secret, the App's key, nor a token is ever logged. */
  static void assertNoSecretIn(CapturedOutput output) {
    String key = pkcs1Pem().lines().skip(1).findFirst().orElseThrow();
    assertThat(output.getAll())
        .doesNotContain(SECRET, ForgeServer.INSTALLATION_TOKEN, ForgeServer.GITLAB_TOKEN, key);
  }

  // --- the requests

  String inReview(String commit) {
    return requests.inReview("dana", withCommit(commit));
  }

  Map<String, Object> withCommit(String commit) {
    Map<String, Object> request = new java.util.HashMap<>(validRequest());
    request.put(PROJECT_NAME, "Payments " + UUID.randomUUID().toString().substring(0, 8));
    request.put(COMMIT_SHA, commit);
    return request;
  }

  ProcessInstance instance(String number) {
    return runtimeService
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(number)
        .singleResult();
  }

  static String commit() {
    byte[] bytes = new byte[20];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  // --- GitHub's side

  String deployment(long run, String environment, String sha, String payload) {
    return """
        {"action": "requested", "environment": "%s", "event": "push",
         "deployment_callback_url": "%s/repos/%s/actions/runs/%d/deployment_protection_rule",
         "deployment": {"id": %d, "sha": "%s", "ref": "main", "task": "deploy", "environment": "%s",
                        "payload": %s},
         "repository": {"id": %d, "full_name": "%s", "name": "payments-api", "owner": {"login": "bonton"}},
         "installation": {"id": %d}, "sender": {"login": "octocat"}}
        """
        .formatted(
            environment,
            FORGE.url("/github"),
            REPOSITORY,
            run,
            run + 1,
            sha,
            environment,
            payload == null ? "{}" : payload,
            REPOSITORY_ID,
            REPOSITORY,
            INSTALLATION);
  }

  HttpResponse<String> webhook(String delivery, String payload) throws Exception {
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    return post(delivery, "deployment_protection_rule", body, sign(body));
  }

  static String sign(byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(GitHubSignature.sign(SECRET, body));
  }

  HttpResponse<String> post(String delivery, String event, byte[] body, String signature)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/github/webhook"))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", event)
            .header("X-GitHub-Delivery", delivery)
            .header("User-Agent", "GitHub-Hookshot/test")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header("X-Hub-Signature-256", signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static List<Call> reviews(long run) {
    return FORGE.calls("/actions/runs/" + run + "/deployment_protection_rule");
  }

  static List<Call> answers(long run) {
    return reviews(run).stream().filter(call -> call.body().has("state")).toList();
  }

  static List<Call> approvals(long run) {
    return answers(run).stream()
        .filter(call -> "approved".equals(call.body().path("state").asText()))
        .toList();
  }

  String rejection(long run) {
    Call answer =
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(run), l -> !l.isEmpty()).get(0);
    assertThat(answer.body().path("state").asText()).isEqualTo("rejected");
    return answer.body().path("comment").asText();
  }

  int rows(String delivery) {
    return jdbc.queryForObject(
        "select count(*) from forge_deployment where delivery_key = ?",
        Integer.class,
        "github:" + delivery);
  }

  String state(long run) {
    return jdbc.queryForObject(
        "select state from forge_deployment where target like ?",
        String.class,
        "%/runs/" + run + "/%");
  }

  static List<Call> gitlabApprovals(long deployment) {
    return FORGE.calls("/projects/" + GITLAB_PROJECT + "/deployments/" + deployment + "/approval");
  }

  String gitlabState(long deployment) {
    return jdbc
        .queryForList(
            "select state from forge_deployment where delivery_key = ?",
            String.class,
            "gitlab:" + GITLAB_PROJECT + ":" + deployment)
        .stream()
        .findFirst()
        .orElse(null);
  }

  /**
   * The App's JWT as GitHub checks it: RS256 with the App's key, iss the App id, at most 10 min.
   */
  static void assertAppJwt(String authorization) throws Exception {
    assertThat(authorization).startsWith("Bearer ");
    SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) KEYS.getPublic()))).isTrue();
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(APP_ID);
    Instant issued = claims.getIssueTime().toInstant();
    Instant expires = claims.getExpirationTime().toInstant();
    assertThat(Duration.between(issued, expires)).isLessThanOrEqualTo(Duration.ofMinutes(10));
    assertThat(issued).isBefore(TestClock.now());
    assertThat(expires).isAfter(TestClock.now());
  }

  // --- the App's key, as GitHub hands it out: PKCS#1 PEM

  static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The private key as PKCS#1: the JDK's PKCS#8 without its envelope. */
  static String pkcs1Pem() {
    byte[] pkcs8 = KEYS.getPrivate().getEncoded();
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    assertThat(GitHubAppKey.wrap(pkcs1)).as("the envelope put back").isEqualTo(pkcs8);
    return "-----BEGIN RSA PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs1)
        + "\n-----END RSA PRIVATE KEY-----\n";
  }
}
