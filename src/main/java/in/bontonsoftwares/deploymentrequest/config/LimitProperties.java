package in.bontonsoftwares.deploymentrequest.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How much one client address or one person may do in a time (README "Security"): failed sign-ins
 * per address, and request starts and open requests per person. Defaults in {@code
 * application.yaml}.
 */
@Validated
@ConfigurationProperties("deployment-request.limits")
public record LimitProperties(
    @Valid @NotNull Rate failedSignIns,
    @Valid @NotNull Rate starts,
    @Valid @NotNull OpenRequests openRequests) {

  /** At most {@code max} within any {@code window}. */
  public record Rate(@Positive int max, @NotNull @DurationMin(seconds = 1) Duration window) {}

  /**
   * At most {@code max} requests of one requester open at a time. No one can say when one will
   * close, so a refused start is told to come back after {@code retryAfter}, which keeps a pipeline
   * from retrying in a tight loop.
   */
  public record OpenRequests(
      @Positive int max, @NotNull @DurationMin(seconds = 1) Duration retryAfter) {}
}
