package in.bontonsoftwares.deploymentrequest.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.config.HealthProperties;
import in.bontonsoftwares.deploymentrequest.health.RollbackWebhook;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's deployed services, as the health checks and the rollback webhook see them:
 *
 * <ul>
 *   <li>{@code GET /api/demo/services/{name}/health}: {@code 200 {"status":"UP"}} or {@code 503
 *       {"status":"DOWN"}}, open like a service's own health endpoint;
 *   <li>{@code PUT /api/demo/services/{name}/health} with {@code {"status":"DOWN"}}: DevSecOps and
 *       admins break (or mend) a service, to watch the checks roll it back;
 *   <li>{@code POST /api/demo/rollback}: the rollback webhook's receiver. It accepts only a call
 *       signed with the secret of the environment it names, and "rolls back" the service it names
 *       to healthy; {@code GET /api/demo/rollbacks} lists the calls it accepted.
 * </ul>
 *
 * Names are the requests' application names; state lives in this node's memory.
 */
@RestController
@ConditionalOnProperty(name = "deployment-request.demo.enabled", havingValue = "true")
class DemoServices {

  private static final Logger log = LoggerFactory.getLogger(DemoServices.class);
  private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

  /** A rollback the receiver accepted. */
  record Rollback(String idempotencyKey, String requestNumber, String application, String reason) {}

  private final Map<String, Boolean> down = new ConcurrentHashMap<>();
  private final List<Rollback> rollbacks = new CopyOnWriteArrayList<>();
  private final HealthProperties health;
  private final ObjectMapper json;

  DemoServices(HealthProperties health, ObjectMapper json) {
    this.health = health;
    this.json = json;
  }

  @GetMapping("/api/demo/services/{name:" + NAME + "}/health")
  ResponseEntity<Map<String, String>> health(@PathVariable String name) {
    boolean isDown = down.getOrDefault(name, false);
    return ResponseEntity.status(isDown ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
        .body(Map.of("status", isDown ? "DOWN" : "UP"));
  }

  @PutMapping("/api/demo/services/{name:" + NAME + "}/health")
  ResponseEntity<?> setHealth(@PathVariable String name, @RequestBody Map<String, String> body) {
    String status = body.get("status");
    if (!"UP".equals(status) && !"DOWN".equals(status)) {
      return ResponseEntity.badRequest()
          .body(
              ProblemDetail.forStatusAndDetail(
                  HttpStatus.BAD_REQUEST, "status must be \"UP\" or \"DOWN\""));
    }
    down.put(name, "DOWN".equals(status));
    log.info("Demo service {} is {} now", name, status);
    return ResponseEntity.ok(Map.of("status", status));
  }

  @PostMapping("/api/demo/rollback")
  ResponseEntity<?> rollback(
      @RequestBody byte[] body,
      @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
    JsonNode call;
    try {
      call = json.readTree(body);
    } catch (IOException e) {
      return refused(HttpStatus.BAD_REQUEST, "The body is not JSON.");
    }
    HealthProperties.RollbackWebhook webhook =
        health.environment(call.path("environment").asText()).rollbackWebhook();
    if (webhook == null || !RollbackWebhook.signedWith(webhook.secret(), body, signature)) {
      return refused(HttpStatus.UNAUTHORIZED, "The signature does not match.");
    }
    String application = call.path("application").asText();
    if (rollbacks.stream().noneMatch(r -> r.idempotencyKey().equals(key))) {
      rollbacks.add(
          new Rollback(
              key, call.path("requestNumber").asText(), application, call.path("reason").asText()));
      down.remove(application);
      log.info("Demo service {} rolled back ({})", application, key);
    }
    return ResponseEntity.accepted().body(Map.of("rollback", "done"));
  }

  @GetMapping("/api/demo/rollbacks")
  List<Rollback> rollbacks() {
    return rollbacks;
  }

  private static ResponseEntity<ProblemDetail> refused(HttpStatus status, String detail) {
    return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}
