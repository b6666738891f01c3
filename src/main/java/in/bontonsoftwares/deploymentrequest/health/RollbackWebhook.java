package in.bontonsoftwares.deploymentrequest.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.config.HealthProperties;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.HistoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The rollback webhook of an environment (README "Health checks"): a JSON {@code POST} saying which
 * request is rolled back and why, with the probes that were not successful, signed with the
 * environment's secret (HMAC-SHA256 of the body, {@code X-Hub-Signature-256: sha256=<hex>}, as
 * GitHub signs its webhooks) and an {@code Idempotency-Key} that is the same for the same request
 * and reason. Tried up to {@code webhook.max-attempts} times while the receiver times out or
 * answers 5xx or 429, waiting longer each time; once delivered, that key is never called again. The
 * secret is never logged or stored.
 */
@Service
public class RollbackWebhook {

  static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  private static final Logger log = LoggerFactory.getLogger(RollbackWebhook.class);

  private final HealthProperties properties;
  private final ProbeRepository probes;
  private final WebhookDeliveries deliveries;
  private final HistoryService history;
  private final HealthMetrics metrics;
  private final ObjectMapper json;
  private final Clock clock;

  RollbackWebhook(
      HealthProperties properties,
      ProbeRepository probes,
      WebhookDeliveries deliveries,
      HistoryService history,
      HealthMetrics metrics,
      ObjectMapper json,
      Clock clock) {
    this.properties = properties;
    this.probes = probes;
    this.deliveries = deliveries;
    this.history = history;
    this.metrics = metrics;
    this.json = json;
    this.clock = clock;
  }

  /** How a call ended. */
  public enum Outcome {
    /** The receiver answered 2xx now. */
    DELIVERED,
    /** Delivered before: not called again. */
    ALREADY_DELIVERED,
    /** The environment has no rollback webhook. */
    NOT_CONFIGURED,
    /** Refused (4xx), or no 2xx within the attempts; a later call tries again. */
    FAILED
  }

  /**
   * @param attempts calls made this time
   * @param status the last answer's status; {@code null} when none came
   */
  public record Delivery(Outcome outcome, String idempotencyKey, int attempts, Integer status) {
    public boolean delivered() {
      return outcome == Outcome.DELIVERED || outcome == Outcome.ALREADY_DELIVERED;
    }
  }

  /** Calls the webhook of the request's environment for a rollback because of {@code reason}. */
  public Delivery deliver(String requestNumber, String reason) {
    HealthTarget target = HealthTarget.read(history, requestNumber);
    HealthProperties.RollbackWebhook webhook =
        properties.environment(target.environment()).rollbackWebhook();
    String key = idempotencyKey(requestNumber, reason);
    if (webhook == null) {
      return new Delivery(Outcome.NOT_CONFIGURED, key, 0, null);
    }
    if (deliveries.delivered(key)) {
      return new Delivery(Outcome.ALREADY_DELIVERED, key, 0, null);
    }
    byte[] body = body(target, reason);
    HttpRequest request =
        HttpRequest.newBuilder(webhook.url())
            .timeout(properties.webhook().timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "deployment-request-gate")
            .header("Idempotency-Key", key)
            .header(SIGNATURE_HEADER, signature(webhook.secret(), body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    deliveries.begin(key, requestNumber, target.environment(), reason, clock.instant());
    Duration backoff = properties.webhook().firstBackoff();
    Integer status = null;
    for (int attempt = 1; attempt <= properties.webhook().maxAttempts(); attempt++) {
      String error = null;
      try {
        status = Http.send(request, properties.webhook().timeout()).status();
      } catch (Http.NoAnswer e) {
        status = null;
        error = e.getMessage();
      }
      boolean delivered = status != null && status / 100 == 2;
      deliveries.attempted(key, status, error, delivered ? clock.instant() : null);
      if (delivered) {
        log.info(
            "{} rollback webhook {} delivered ({}, attempt {})",
            requestNumber,
            at(webhook.url()),
            status,
            attempt);
        metrics.webhook(target.environment(), "delivered");
        return new Delivery(Outcome.DELIVERED, key, attempt, status);
      }
      boolean retry = status == null || status >= 500 || status == 429;
      log.warn(
          "{} rollback webhook {} attempt {}: {}",
          requestNumber,
          at(webhook.url()),
          attempt,
          status == null ? error : "status " + status);
      if (!retry || attempt == properties.webhook().maxAttempts()) {
        metrics.webhook(target.environment(), "failed");
        return new Delivery(Outcome.FAILED, key, attempt, status);
      }
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        metrics.webhook(target.environment(), "failed");
        return new Delivery(Outcome.FAILED, key, attempt, status);
      }
      backoff = backoff.multipliedBy(2);
    }
    throw new IllegalStateException("unreachable: max-attempts is at least 1");
  }

  /** {@code DR-2026-0042-rollback-<first 16 hex digits of SHA-256(reason)>}. */
  static String idempotencyKey(String requestNumber, String reason) {
    return requestNumber + "-rollback-" + sha256(reason).substring(0, 16);
  }

  /**
   * What a receiver checks (README "Health checks"): that {@code header} is the signature of the
   * raw {@code body} with {@code secret}, compared in constant time.
   */
  public static boolean signedWith(String secret, byte[] body, String header) {
    return header != null
        && MessageDigest.isEqual(
            signature(secret, body).getBytes(StandardCharsets.UTF_8),
            header.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code sha256=<hex HMAC-SHA256 of body with secret>}. */
  static String signature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private byte[] body(HealthTarget target, String reason) {
    List<Map<String, Object>> failed =
        probes.results(target.requestNumber()).stream()
            .filter(result -> result.verdict() != Verdict.SUCCESSFUL)
            .map(RollbackWebhook::probe)
            .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", "rollback");
    body.put("requestNumber", target.requestNumber());
    body.put("environment", target.environment());
    body.put("application", target.application());
    body.put("version", target.version());
    body.put("reason", reason);
    body.put("failedProbes", failed);
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of texts and numbers is JSON", e);
    }
  }

  private static Map<String, Object> probe(ProbeResult result) {
    Map<String, Object> probe = new LinkedHashMap<>();
    probe.put("check", result.check());
    probe.put("phase", result.phase().name());
    probe.put("attempt", result.attempt());
    probe.put("probedAt", result.probedAt().toString());
    probe.put("value", result.value());
    probe.put("verdict", result.verdict().name());
    probe.put("message", result.message());
    return probe;
  }

  /** The webhook's address without query or user info, which may carry tokens. */
  private static String at(URI url) {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + url.getPath();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
