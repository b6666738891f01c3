package in.bontonsoftwares.deploymentrequest.health;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import in.bontonsoftwares.deploymentrequest.config.HealthProperties;
import in.bontonsoftwares.deploymentrequest.config.HealthProperties.Check;
import in.bontonsoftwares.deploymentrequest.config.HealthProperties.Environment;
import in.bontonsoftwares.deploymentrequest.config.HealthProperties.Kind;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The checks of {@code deployment-request.health}, compiled once at start-up: a condition outside
 * the {@link SuccessCondition} language, a JSON path that does not parse, a check without its URL
 * or query, a Prometheus check without {@code prometheus-url}, two checks of one name or a webhook
 * secret that is too short stops the start with a message naming the property.
 */
@Component
class CheckDefinitions {

  private static final String PREFIX = "deployment-request.health.";

  private final HealthProperties properties;
  private final AllowedHosts allowedHosts;
  private final Map<String, List<CheckDefinition>> environments = new LinkedHashMap<>();
  private final List<CheckDefinition> other;

  CheckDefinitions(HealthProperties properties, AllowedHosts allowedHosts) {
    this.properties = properties;
    this.allowedHosts = allowedHosts;
    List<String> problems = new ArrayList<>();
    // the request's URL comes with the request; the rest of its check is checked now
    compile(
        properties.requestCheck().withUrl(URI.create("http://localhost/")),
        PREFIX + "request-check",
        problems);
    properties
        .environments()
        .forEach(
            (name, environment) ->
                environments.put(
                    name, compile(environment, PREFIX + "environments." + name, problems)));
    other = compile(properties.other(), PREFIX + "other", problems);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "Invalid health checks in the configuration: " + String.join("; ", problems));
    }
  }

  private List<CheckDefinition> compile(
      Environment environment, String path, List<String> problems) {
    List<CheckDefinition> checks = new ArrayList<>();
    Set<String> names = new HashSet<>();
    if (environment.requestCheck()) {
      names.add(properties.requestCheck().name());
    }
    for (int i = 0; i < environment.checks().size(); i++) {
      Check check = environment.checks().get(i);
      String at = path + ".checks[" + i + "]";
      if (!names.add(check.name())) {
        problems.add(at + ".name: '" + check.name() + "' is used twice in " + path);
      }
      CheckDefinition definition = compile(check, at, problems);
      if (definition != null) {
        checks.add(definition);
      }
    }
    if (environment.rollbackWebhook() != null
        && environment.rollbackWebhook().secret().length() < 16) {
      problems.add(path + ".rollback-webhook.secret: must be at least 16 characters long");
    }
    return List.copyOf(checks);
  }

  private CheckDefinition compile(Check check, String at, List<String> problems) {
    int before = problems.size();
    SuccessCondition condition = null;
    if (check.successCondition() != null && !check.successCondition().isBlank()) {
      try {
        condition = SuccessCondition.parse(check.successCondition());
      } catch (IllegalArgumentException e) {
        problems.add(at + ".success-condition: " + e.getMessage());
      }
    }
    Probe probe = null;
    if (check.kind() == Kind.HTTP) {
      if (check.url() == null || !isHttp(check.url())) {
        problems.add(at + ".url: an http or https URL is required for an http check");
      }
      JsonPath path = null;
      if (check.jsonPath() != null && !check.jsonPath().isBlank()) {
        try {
          path = JsonPath.compile(check.jsonPath());
        } catch (InvalidPathException | IllegalArgumentException e) {
          problems.add(
              at
                  + ".json-path: '"
                  + check.jsonPath()
                  + "' is not a JSON path ("
                  + e.getMessage()
                  + ")");
        }
        if (check.successCondition() == null || check.successCondition().isBlank()) {
          problems.add(at + ".success-condition: required with a json-path");
        }
      } else if (condition != null) {
        problems.add(at + ".json-path: required with a success-condition on an http check");
      }
      if (problems.size() == before) {
        probe =
            new HttpProbe(check.url(), check.expectedStatus(), path, condition, check.timeout());
      }
    } else {
      if (properties.prometheusUrl() == null || !isHttp(properties.prometheusUrl())) {
        problems.add(
            PREFIX + "prometheus-url: required (http or https) for the prometheus check " + at);
      }
      if (check.query() == null || check.query().isBlank()) {
        problems.add(at + ".query: a PromQL query is required for a prometheus check");
      }
      if (check.successCondition() == null || check.successCondition().isBlank()) {
        problems.add(at + ".success-condition: required for a prometheus check");
      }
      if (problems.size() == before) {
        probe =
            new PrometheusProbe(
                properties.prometheusUrl(), check.query(), condition, check.timeout());
      }
    }
    return probe == null ? null : definition(check, probe);
  }

  private static CheckDefinition definition(Check check, Probe probe) {
    return new CheckDefinition(
        check.name(),
        check.interval(),
        check.count(),
        check.failureLimit(),
        check.inconclusiveLimit(),
        probe);
  }

  private static boolean isHttp(URI url) {
    return url.isAbsolute()
        && ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
        && url.getHost() != null;
  }

  /**
   * The checks of a request to {@code environment} whose health-check URL is {@code healthCheckUrl}
   * (none when blank or the environment does not check it): the environment's own checks, then the
   * URL's. A URL whose host {@link AllowedHosts} refuses (the list changed since the request was
   * submitted, or the variable was set around the forms) is never called: its check stays, so that
   * the analysis shows it, and every measurement is an ERROR saying why, which a person decides.
   */
  List<CheckDefinition> forRequest(String environment, String healthCheckUrl) {
    List<CheckDefinition> checks = new ArrayList<>(environments.getOrDefault(environment, other));
    if (properties.environment(environment).requestCheck()
        && healthCheckUrl != null
        && !healthCheckUrl.isBlank()) {
      Check check = properties.requestCheck();
      checks.add(definition(check, requestProbe(check, healthCheckUrl)));
    }
    return checks;
  }

  private Probe requestProbe(Check check, String healthCheckUrl) {
    URI url = AllowedHosts.httpUrl(healthCheckUrl).orElse(null);
    if (url == null) {
      return new InvalidTarget(
          healthCheckUrl, "'" + healthCheckUrl + "' is not an http or https URL");
    }
    Optional<String> refusal = allowedHosts.refusal(url);
    if (refusal.isPresent()) {
      return new InvalidTarget(healthCheckUrl, "not called: " + refusal.get());
    }
    JsonPath path =
        check.jsonPath() == null || check.jsonPath().isBlank()
            ? null
            : JsonPath.compile(check.jsonPath());
    SuccessCondition condition =
        path == null ? null : SuccessCondition.parse(check.successCondition());
    return new HttpProbe(url, check.expectedStatus(), path, condition, check.timeout());
  }

  /**
   * A health-check URL that is no http(s) URL or names a host that is not allowed: never called,
   * every measurement of it is an ERROR saying {@code why}.
   */
  private record InvalidTarget(String target, String why) implements Probe {
    @Override
    public Measurement measure() {
      return Measurement.of(Verdict.ERROR, "", why);
    }
  }
}
