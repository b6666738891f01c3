package in.bontonsoftwares.deploymentrequest.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var;
import in.bontonsoftwares.deploymentrequest.process.EngineRequests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rollback webhook against a real local receiver that verifies the signature as the README
 * tells receivers to: retried after a 503, delivered once, never called again for the same request
 * and reason; a receiver that keeps failing is tried a bounded number of times, one that refuses
 * (4xx) once; an environment without a webhook is not called; the secret is never logged.
 */
@WebAppTest
@ExtendWith(OutputCaptureExtension.class)
class RollbackWebhookTest {

  static final String SECRET = "test-secret-0123456789-abcdef";

  /** A call the receiver got. */
  record Call(String path, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  static final List<Call> CALLS = new CopyOnWriteArrayList<>();
  static final Map<String, AtomicInteger> PER_KEY = new ConcurrentHashMap<>();

  static final LocalServer SERVER =
      new LocalServer()
          .handle(
              "/rollback",
              exchange -> {
                Call call = record(exchange);
                // the first call of each key finds the receiver unavailable
                if (PER_KEY
                        .computeIfAbsent(call.header("Idempotency-Key"), k -> new AtomicInteger())
                        .incrementAndGet()
                    == 1) {
                  LocalServer.answer(exchange, 503, "text/plain", "busy");
                } else if (signatureValid(call.header("X-Hub-Signature-256"), call.body())) {
                  LocalServer.answer(
                      exchange, 202, "application/json", "{\"rollback\":\"started\"}");
                } else {
                  LocalServer.answer(exchange, 401, "text/plain", "bad signature");
                }
              })
          .handle("/down", exchange -> answer(exchange, 503))
          .handle("/refusing", exchange -> answer(exchange, 422))
          .handle(
              "/health/",
              exchange -> LocalServer.answer(exchange, 500, "text/plain", "out of memory"));

  @DynamicPropertySource
  static void webhooks(DynamicPropertyRegistry registry) {
    String health = "deployment-request.health.";
    registry.add(health + "request-check.interval", () -> "PT0.05S");
    registry.add(health + "request-check.failure-limit", () -> "0");
    registry.add(health + "webhook.max-attempts", () -> "3");
    registry.add(health + "webhook.first-backoff", () -> "PT0.05S");
    registry.add(health + "webhook.timeout", () -> "PT2S");
    Map.of("production", "/rollback", "staging", "/down", "testing", "/refusing")
        .forEach(
            (environment, path) -> {
              registry.add(health + "environments." + environment + ".request-check", () -> "true");
              String webhook = health + "environments." + environment + ".rollback-webhook.";
              registry.add(webhook + "url", () -> SERVER.url(path));
              registry.add(webhook + "secret", () -> SECRET);
            });
  }

  @Autowired RollbackWebhook webhook;
  @Autowired HealthChecks checks;
  @Autowired DeploymentRequestProperties properties;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;

  EngineRequests requests;

  @BeforeEach
  void setUp() {
    requests = new EngineRequests(properties, engine);
  }

  @AfterAll
  static void stopServer() {
    SERVER.close();
  }

  static Call record(HttpExchange exchange) throws IOException {
    Call call =
        new Call(
            exchange.getRequestURI().getPath(),
            Map.copyOf(exchange.getRequestHeaders()),
            exchange.getRequestBody().readAllBytes());
    CALLS.add(call);
    return call;
  }

  static void answer(HttpExchange exchange, int status) throws IOException {
    record(exchange);
    LocalServer.answer(exchange, status, "text/plain", "no");
  }

  /**
   * What a receiver does (README "Health checks"): HMAC-SHA256 of the raw body, compared in
   * constant time.
   */
  static boolean signatureValid(String header, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
      return header != null
          && MessageDigest.isEqual(
              expected.getBytes(StandardCharsets.US_ASCII),
              header.getBytes(StandardCharsets.US_ASCII));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  List<Call> callsOf(String number) {
    return CALLS.stream()
        .filter(c -> c.header("Idempotency-Key").startsWith(number + "-"))
        .toList();
  }

  String request(String environment) {
    return requests.inReview(
        "dana",
        Map.of(
            Var.ENVIRONMENT,
            environment,
            Var.HEALTH_CHECK_URL,
            SERVER.url("/health/" + environment)));
  }

  @Test
  void shouldDeliverOnceSignedAndRetriedAfterA503(CapturedOutput output) throws IOException {
    String number = request("production");
    assertThat(checks.probe(number, Phase.EXECUTION).state()).isEqualTo(AnalysisState.FAILED);
    String reason = "Health check health-check-url failed during execution";

    RollbackWebhook.Delivery delivery = webhook.deliver(number, reason);

    assertThat(delivery.outcome()).isEqualTo(RollbackWebhook.Outcome.DELIVERED);
    assertThat(delivery.attempts()).isEqualTo(2);
    assertThat(delivery.status()).isEqualTo(202);
    List<Call> calls = callsOf(number);
    assertThat(calls).hasSize(2);
    // the same call twice: same key, same body, same signature, which the receiver verified
    assertThat(calls)
        .extracting(c -> c.header("Idempotency-Key"))
        .containsOnly(delivery.idempotencyKey());
    assertThat(calls.get(0).body()).isEqualTo(calls.get(1).body());
    assertThat(signatureValid(calls.get(1).header("X-Hub-Signature-256"), calls.get(1).body()))
        .isTrue();
    assertThat(calls.get(1).header("Content-Type")).isEqualTo("application/json");
    JsonNode body = json.readTree(calls.get(1).body());
    assertThat(body.path("event").asText()).isEqualTo("rollback");
    assertThat(body.path("requestNumber").asText()).isEqualTo(number);
    assertThat(body.path("environment").asText()).isEqualTo("production");
    assertThat(body.path("application").asText()).isEqualTo("payments-api");
    assertThat(body.path("version").asText()).isEqualTo("2.4.1");
    assertThat(body.path("reason").asText()).isEqualTo(reason);
    assertThat(body.path("failedProbes")).hasSize(1);
    JsonNode probe = body.path("failedProbes").path(0);
    assertThat(probe.path("check").asText()).isEqualTo("health-check-url");
    assertThat(probe.path("verdict").asText()).isEqualTo("FAILED");
    assertThat(probe.path("value").asText()).isEqualTo("500");
    assertThat(probe.path("phase").asText()).isEqualTo("EXECUTION");

    // delivered: the same request and reason never calls again; another reason is another key
    RollbackWebhook.Delivery again = webhook.deliver(number, reason);
    assertThat(again.outcome()).isEqualTo(RollbackWebhook.Outcome.ALREADY_DELIVERED);
    assertThat(again.delivered()).isTrue();
    assertThat(again.idempotencyKey()).isEqualTo(delivery.idempotencyKey());
    assertThat(callsOf(number)).hasSize(2);
    assertThat(webhook.deliver(number, "Rolled back by DevSecOps").idempotencyKey())
        .isNotEqualTo(delivery.idempotencyKey());
    assertThat(
            jdbc.queryForObject(
                "select attempts from rollback_webhook_delivery where idempotency_key = ?"
                    + " and delivered_at is not null",
                Integer.class,
                delivery.idempotencyKey()))
        .isEqualTo(2);
    assertThat(output.getAll()).doesNotContain(SECRET);
  }

  @Test
  void shouldStopAfterTheAttemptsWhenTheReceiverStaysDown(CapturedOutput output) {
    String number = request("staging");

    RollbackWebhook.Delivery delivery = webhook.deliver(number, "failed");

    assertThat(delivery.outcome()).isEqualTo(RollbackWebhook.Outcome.FAILED);
    assertThat(delivery.delivered()).isFalse();
    assertThat(delivery.attempts()).isEqualTo(3);
    assertThat(delivery.status()).isEqualTo(503);
    assertThat(callsOf(number)).hasSize(3);
    // not delivered: a later call (the job's retry) tries again
    assertThat(webhook.deliver(number, "failed").attempts()).isEqualTo(3);
    assertThat(callsOf(number)).hasSize(6);
    assertThat(output.getAll()).doesNotContain(SECRET);
  }

  @Test
  void shouldNotRetryWhenTheReceiverRefuses() {
    String number = request("testing");

    RollbackWebhook.Delivery delivery = webhook.deliver(number, "failed");

    assertThat(delivery.outcome()).isEqualTo(RollbackWebhook.Outcome.FAILED);
    assertThat(delivery.attempts()).isEqualTo(1);
    assertThat(delivery.status()).isEqualTo(422);
    assertThat(callsOf(number)).hasSize(1);
  }

  @Test
  void shouldCallNothingWhereNoWebhookIsConfigured() {
    String number = request("development");

    RollbackWebhook.Delivery delivery = webhook.deliver(number, "failed");

    assertThat(delivery.outcome()).isEqualTo(RollbackWebhook.Outcome.NOT_CONFIGURED);
    assertThat(delivery.delivered()).isFalse();
    assertThat(callsOf(number)).isEmpty();
  }
}
