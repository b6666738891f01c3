package in.bontonsoftwares.deploymentrequest.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The pipeline gate (README "Pipelines"): the longest a gate call may wait for its decision to
 * change, and how often waiting calls look again for changes this node did not see (another node's
 * commits).
 */
@Validated
@ConfigurationProperties("deployment-request.gate")
public record GateProperties(
    @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 5) @DefaultValue("PT5M")
        Duration maxWait,
    @NotNull @DurationMin(millis = 100) @DefaultValue("PT10S") Duration recheckEvery) {}
