package in.bontonsoftwares.deploymentrequest.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.config.GitHubProperties;
import in.bontonsoftwares.deploymentrequest.forge.HeldDeployments.Arrival;
import in.bontonsoftwares.deploymentrequest.forge.HeldDeployments.Forge;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/github/webhook}: the GitHub App's webhook. Its signature ({@code
 * X-Hub-Signature-256}, the webhook secret's HMAC of the raw body) is checked before anything of
 * the body is read: without a valid one the answer is 401 and nothing is done. Of the events only
 * {@code deployment_protection_rule} with action {@code requested} is taken (others get 202 and are
 * ignored); each delivery once ({@code X-GitHub-Delivery}: a delivery sent again is answered 200
 * and not taken again). The deployment is matched with a request ({@link DeploymentMatcher}) and
 * held ({@link HeldDeployments}) until the gate decides it; one that matches none is rejected with
 * the reason. The callback must be GitHub's review endpoint of this repository's run on the
 * configured API: our installation token goes nowhere else.
 */
@RestController
class GitHubWebhookController {

  private static final Logger LOG = LoggerFactory.getLogger(GitHubWebhookController.class);
  private static final Pattern DELIVERY = Pattern.compile("[A-Za-z0-9-]{1,100}");
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  private final GitHubProperties properties;
  private final GitHubApp app;
  private final DeploymentMatcher matcher;
  private final HeldDeployments store;
  private final HeldDeploymentWatch watch;
  private final ObjectMapper json;

  GitHubWebhookController(
      GitHubProperties properties,
      GitHubApp app,
      DeploymentMatcher matcher,
      HeldDeployments store,
      HeldDeploymentWatch watch,
      ObjectMapper json) {
    this.properties = properties;
    this.app = app;
    this.matcher = matcher;
    this.store = store;
    this.watch = watch;
    this.json = json;
  }

  @PostMapping("/api/github/webhook")
  ResponseEntity<Object> webhook(
      @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
      @RequestHeader(name = "X-GitHub-Event", required = false) String event,
      @RequestHeader(name = "X-GitHub-Delivery", required = false) String delivery,
      @RequestBody(required = false) byte[] body) {
    if (!app.enabled()) {
      return problem(HttpStatus.NOT_FOUND, "The GitHub App is not configured.");
    }
    byte[] raw = body == null ? new byte[0] : body;
    if (!GitHubSignature.valid(properties.webhookSecret(), raw, signature)) {
      LOG.warn("GitHub webhook refused: missing or wrong X-Hub-Signature-256");
      return problem(HttpStatus.UNAUTHORIZED, "Missing or wrong X-Hub-Signature-256.");
    }
    if ("ping".equals(event)) {
      return ResponseEntity.ok(Map.of("ok", true));
    }
    if (!"deployment_protection_rule".equals(event)) {
      return ResponseEntity.accepted().body(Map.of("ignored", "event " + event));
    }
    JsonNode payload;
    try {
      payload = json.readTree(raw);
    } catch (IOException e) {
      return problem(HttpStatus.BAD_REQUEST, "The body is no JSON.");
    }
    if (payload == null || !"requested".equals(payload.path("action").asText())) {
      return ResponseEntity.accepted()
          .body(Map.of("ignored", "action " + (payload == null ? null : payload.path("action"))));
    }
    if (delivery == null || !DELIVERY.matcher(delivery).matches()) {
      return problem(HttpStatus.BAD_REQUEST, "X-GitHub-Delivery is missing.");
    }
    String key = "github:" + delivery;
    if (store.exists(key)) {
      return ResponseEntity.ok(Map.of("duplicate", delivery));
    }
    String repository = payload.path("repository").path("full_name").asText("");
    String environment = payload.path("environment").asText("");
    String callback = payload.path("deployment_callback_url").asText("");
    if (!REPOSITORY.matcher(repository).matches()
        || environment.isEmpty()
        || environment.length() > 255
        || !callbackOf(repository, callback)) {
      LOG.warn(
          "GitHub webhook {} refused: repository, environment or callback URL not as GitHub sends them",
          delivery);
      return problem(
          HttpStatus.BAD_REQUEST,
          "The payload lacks the repository, the environment or a callback URL of "
              + app.apiUrl()
              + ".");
    }
    JsonNode deployment = payload.path("deployment");
    String sha = text(deployment.path("sha"), 64);
    Arrival arrival =
        new Arrival(
            Forge.GITHUB,
            key,
            repository,
            environment,
            sha == null ? "" : sha,
            text(deployment.path("ref"), 255),
            callback,
            number(payload.path("installation").path("id")),
            number(payload.path("repository").path("id")),
            null);
    DeploymentMatcher.Match match =
        allowed(repository)
            ? matcher.match(properties.environments(), environment, sha, claim(deployment))
            : DeploymentMatcher.Match.refused(
                null,
                "The deployment request gate does not decide deployments of "
                    + repository
                    + ": it is not in its configuration.");
    Optional<Long> id = store.add(arrival, match);
    if (id.isEmpty()) {
      return ResponseEntity.ok(Map.of("duplicate", delivery));
    }
    LOG.info(
        "GitHub deployment of {} {} to {} held: {}",
        repository,
        sha,
        environment,
        match.request() == null ? match.refusal() : match.request().number());
    watch.arrived(id.get());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", id.get());
    answer.put("requestNumber", match.request() == null ? null : match.request().number());
    answer.put("refusal", match.refusal());
    return ResponseEntity.accepted().body(answer);
  }

  private boolean allowed(String repository) {
    return properties.repositories().isEmpty()
        || properties.repositories().stream().anyMatch(repository::equalsIgnoreCase);
  }

  /** GitHub's review endpoint of a run of this repository, on the configured API. */
  private boolean callbackOf(String repository, String callback) {
    String prefix = app.apiUrl() + "/repos/";
    if (!callback.startsWith(prefix)) {
      return false;
    }
    String rest = callback.substring(prefix.length());
    String expected = repository.toLowerCase(Locale.ROOT) + "/actions/runs/";
    return rest.toLowerCase(Locale.ROOT).startsWith(expected)
        && rest.substring(expected.length()).matches("\\d{1,20}/deployment_protection_rule");
  }

  /**
   * What the deployment's payload says of the request ({@code deploymentRequest}, {@code version},
   * {@code digest}); GitHub may give the payload as an object or as a JSON text.
   */
  private DeploymentMatcher.Claim claim(JsonNode deployment) {
    JsonNode payload = deployment.path("payload");
    if (payload.isTextual()) {
      try {
        payload = json.readTree(payload.asText());
      } catch (IOException notJson) {
        return DeploymentMatcher.Claim.NONE;
      }
    }
    if (payload == null || !payload.isObject()) {
      return DeploymentMatcher.Claim.NONE;
    }
    // a digest that is no digest still goes to the gate, which refuses what was not reviewed
    return new DeploymentMatcher.Claim(
        text(payload.path("deploymentRequest"), 32),
        text(payload.path("version"), 255),
        text(payload.path("digest"), 200));
  }

  private static String text(JsonNode node, int max) {
    if (!node.isTextual() || node.asText().isBlank()) {
      return null;
    }
    String text = node.asText().strip();
    return text.length() > max ? text.substring(0, max) : text;
  }

  private static Long number(JsonNode node) {
    return node.canConvertToLong() && node.isIntegralNumber() ? node.asLong() : null;
  }

  private static ResponseEntity<Object> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}
