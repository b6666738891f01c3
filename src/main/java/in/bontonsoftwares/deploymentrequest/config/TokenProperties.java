package in.bontonsoftwares.deploymentrequest.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Personal access tokens (README "Security"): the longest lifetime a token may be given, and how
 * often its last use is written at most.
 */
@Validated
@ConfigurationProperties("deployment-request.tokens")
public record TokenProperties(
    @NotNull @DurationMin(minutes = 1) @DefaultValue("P365D") Duration maxLifetime,
    @NotNull @DefaultValue("PT1M") Duration lastUseEvery) {}
