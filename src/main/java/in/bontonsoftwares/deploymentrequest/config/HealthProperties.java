package in.bontonsoftwares.deploymentrequest.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Automated health checks (README "Health checks"), modelled on Argo Rollouts' analysis: per
 * environment a list of checks, the watch window after a successful deployment, whether
 * verification may pass on its own, and the rollback webhook; the request's own health-check URL
 * becomes one more HTTP check with the settings of {@code request-check}, for a host of {@code
 * allowed-hosts} only (read by {@code health.AllowedHosts}). What Bean Validation cannot say (a
 * check's success condition, its JSON path, a Prometheus check without {@code prometheus-url}) is
 * checked by {@code health.CheckDefinitions} at start-up, naming the property.
 */
@Validated
@ConfigurationProperties("deployment-request.health")
public record HealthProperties(
    URI prometheusUrl,
    @NotNull @DefaultValue List<String> allowedHosts,
    @Valid @NotNull @DefaultValue Check requestCheck,
    @Valid @NotNull @DefaultValue Map<String, Environment> environments,
    @Valid @NotNull @DefaultValue Environment other,
    @Valid @NotNull @DefaultValue WebhookDelivery webhook) {

  /** The settings of one environment ({@code environments.<env>}, else {@code other}). */
  public Environment environment(String environment) {
    return environments.getOrDefault(environment, other);
  }

  /**
   * @param checks the environment's own checks
   * @param requestCheck whether the request's health-check URL is checked here too
   * @param watchWindow how long the checks go on after a successful deployment ({@code PT0S}: no
   *     watch window)
   * @param autoVerify whether verification may pass without a person when every check passed
   * @param rollbackWebhook called when a deployment here is rolled back; none when absent
   */
  public record Environment(
      @Valid @NotNull @DefaultValue List<Check> checks,
      @DefaultValue("true") boolean requestCheck,
      @NotNull @DurationMin(seconds = 0) @DurationMax(days = 7) @DefaultValue("PT0S")
          Duration watchWindow,
      @DefaultValue("false") boolean autoVerify,
      @Valid RollbackWebhook rollbackWebhook) {}

  /**
   * One check, as an Argo Rollouts metric: measured every {@code interval}, {@code count} times (in
   * the watch window: as often as the window holds intervals); the analysis fails when more than
   * {@code failureLimit} measurements failed and is inconclusive when more than {@code
   * inconclusiveLimit} were inconclusive.
   *
   * @param kind {@code http}: {@code url}, {@code expectedStatus} ({@code 2xx} or a code such as
   *     {@code 204}), optionally {@code jsonPath} with {@code successCondition}; {@code
   *     prometheus}: {@code query} (PromQL) and {@code successCondition}
   * @param successCondition {@code result < 0.01}: {@code result} compared with a number by {@code
   *     <, <=, >, >=, ==, !=}, or with {@code true}, {@code false} or a quoted text by {@code ==,
   *     !=}
   */
  public record Check(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}") @DefaultValue("health-check-url")
          String name,
      @NotNull @DefaultValue("http") Kind kind,
      URI url,
      @NotNull @Pattern(regexp = "[1-5]xx|[1-5][0-9][0-9]") @DefaultValue("2xx")
          String expectedStatus,
      String jsonPath,
      String query,
      String successCondition,
      @NotNull @DurationMin(millis = 10) @DefaultValue("PT30S") Duration interval,
      @Min(1) @Max(10_000) @DefaultValue("10") int count,
      @Min(0) @DefaultValue("1") int failureLimit,
      @Min(0) @DefaultValue("2") int inconclusiveLimit,
      @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 5) @DefaultValue("PT5S")
          Duration timeout) {

    /** This check measuring {@code url} (the request check takes the request's URL). */
    public Check withUrl(URI url) {
      return new Check(
          name,
          kind,
          url,
          expectedStatus,
          jsonPath,
          query,
          successCondition,
          interval,
          count,
          failureLimit,
          inconclusiveLimit,
          timeout);
    }
  }

  /** What a check measures with. */
  public enum Kind {
    HTTP,
    PROMETHEUS
  }

  /**
   * The rollback webhook of an environment: the URL and the secret that signs each call
   * (HMAC-SHA256). Both come from the configuration or the environment ({@code
   * DEPLOYMENTREQUEST_HEALTH_ENVIRONMENTS_PRODUCTION_ROLLBACKWEBHOOK_SECRET}), never from a
   * request; the secret is never shown (its length, at least 16 characters, is checked by {@code
   * health.CheckDefinitions}, since a failed constraint here would print the value).
   */
  public record RollbackWebhook(@NotNull URI url, @NotBlank String secret) {

    @Override
    public String toString() {
      return "RollbackWebhook[url=" + url + ", secret=(hidden)]";
    }
  }

  /**
   * How rollback webhooks are delivered: at most {@code maxAttempts} calls, each waiting up to
   * {@code timeout}; after a timeout or a 5xx answer the next waits {@code firstBackoff}, then
   * twice as long each time.
   */
  public record WebhookDelivery(
      @Min(1) @Max(10) @DefaultValue("4") int maxAttempts,
      @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 1) @DefaultValue("PT1S")
          Duration firstBackoff,
      @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 1) @DefaultValue("PT10S")
          Duration timeout) {}
}
