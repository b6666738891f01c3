package in.bontonsoftwares.deploymentrequest.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How GitHub's and GitLab's waiting deployments are decided and answered: every {@code
 * recheck-every} each waiting deployment is looked at again (besides after each change of its
 * request on this node and when its window opens); an answer is tried at most {@code max-attempts}
 * times, each call bounded by {@code timeout}, waiting {@code first-backoff} after the first
 * failure and twice as long each time up to {@code max-backoff}.
 */
@Validated
@ConfigurationProperties("deployment-request.forges")
public record ForgeProperties(
    @NotNull @DurationMin(millis = 100) @DurationMax(hours = 1) @DefaultValue("PT30S")
        Duration recheckEvery,
    @Valid @NotNull @DefaultValue Delivery delivery) {

  public record Delivery(
      @Min(1) @Max(20) @DefaultValue("8") int maxAttempts,
      @NotNull @DurationMin(millis = 1) @DurationMax(hours = 1) @DefaultValue("PT10S")
          Duration firstBackoff,
      @NotNull @DurationMin(millis = 1) @DurationMax(hours = 6) @DefaultValue("PT10M")
          Duration maxBackoff,
      @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 1) @DefaultValue("PT10S")
          Duration timeout) {}
}
