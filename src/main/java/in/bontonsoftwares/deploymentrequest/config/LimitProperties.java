package in.bontonsoftwares.deploymentrequest.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How much one client address may do in a time (README "Security"): failed sign-ins per address. Defaults in
 * {@code application.yaml}.
 */
@Validated
@ConfigurationProperties("deployment-request.limits")
public record LimitProperties(@Valid @NotNull Rate failedSignIns) {

  /** At most {@code max} within any {@code window}. */
  public record Rate(@Positive int max, @NotNull @DurationMin(seconds = 1) Duration window) {}
}
