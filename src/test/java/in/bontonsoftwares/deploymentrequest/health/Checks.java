package in.bontonsoftwares.deploymentrequest.health;

import in.bontonsoftwares.deploymentrequest.config.HealthProperties;
import in.bontonsoftwares.deploymentrequest.config.HealthProperties.Check;
import in.bontonsoftwares.deploymentrequest.config.HealthProperties.Environment;
import in.bontonsoftwares.deploymentrequest.config.HealthProperties.Kind;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Health configurations built in tests, with the defaults of {@code HealthProperties}. */
final class Checks {

  private Checks() {}

  static Check http(String name, String url, String jsonPath, String condition) {
    return new Check(
        name,
        Kind.HTTP,
        url == null ? null : URI.create(url),
        "2xx",
        jsonPath,
        null,
        condition,
        Duration.ofMillis(50),
        3,
        0,
        0,
        Duration.ofSeconds(2));
  }

  static Check prometheus(String name, String query, String condition) {
    return new Check(
        name,
        Kind.PROMETHEUS,
        null,
        "2xx",
        null,
        query,
        condition,
        Duration.ofMillis(50),
        3,
        0,
        0,
        Duration.ofSeconds(2));
  }

  static Environment environment(List<Check> checks, HealthProperties.RollbackWebhook webhook) {
    return new Environment(checks, false, Duration.ZERO, false, webhook);
  }

  /** {@code checks} in production, with the request check's defaults and no other checks. */
  static HealthProperties production(String prometheusUrl, List<Check> checks) {
    return properties(prometheusUrl, Map.of("production", environment(checks, null)));
  }

  static HealthProperties properties(String prometheusUrl, Map<String, Environment> environments) {
    return new HealthProperties(
        prometheusUrl == null ? null : URI.create(prometheusUrl),
        List.of(),
        http("health-check-url", null, null, null),
        environments,
        environment(List.of(), null),
        new HealthProperties.WebhookDelivery(4, Duration.ofMillis(10), Duration.ofSeconds(2)));
  }

  /** The one check of production, compiled. */
  static CheckDefinition only(HealthProperties properties) {
    List<CheckDefinition> checks =
        new CheckDefinitions(properties, new AllowedHosts(properties))
            .forRequest("production", null);
    if (checks.size() != 1) {
      throw new IllegalStateException("expected one check, got " + checks);
    }
    return checks.get(0);
  }
}
