package in.bontonsoftwares.deploymentrequest.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The change calendar (README "Change calendar"): whether people see the windows of deployments
 * they may not read as busy blocks without details, and how far back and ahead the subscribable
 * feed reaches.
 */
@Validated
@ConfigurationProperties("deployment-request.calendar")
public record CalendarProperties(
    @DefaultValue("true") boolean othersAsBusy,
    @NotNull @DurationMin(days = 1) @DurationMax(days = 3660) @DefaultValue("P90D")
        Duration feedPast,
    @NotNull @DurationMin(days = 1) @DurationMax(days = 3660) @DefaultValue("P365D")
        Duration feedAhead) {}
