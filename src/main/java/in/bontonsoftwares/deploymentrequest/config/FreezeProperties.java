package in.bontonsoftwares.deploymentrequest.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Freeze periods declared in the configuration (README "Freeze periods and conflicts"): each is
 * created once, at start-up, unless a freeze of that name exists (then it is left as DevSecOps keep
 * it). The fields are those of {@code POST /api/freezes}; a seed that does not pass that check
 * stops the start with a message naming it.
 */
@Validated
@ConfigurationProperties("deployment-request.freezes")
public record FreezeProperties(@Valid @NotNull @DefaultValue List<Declaration> seed) {

  /**
   * One freeze as the configuration, {@code POST /api/freezes} and a calendar import declare it;
   * every value is text, so that the freeze's own check names every problem in words rather than a
   * parser's message. One-off: {@code start} and {@code end}, ISO-8601 date-times (without an
   * offset read in {@code timeZone}, else the app's zone). Recurring: {@code recurrence}, an RFC
   * 5545 {@code RRULE} value such as {@code FREQ=WEEKLY;BYDAY=FR}, {@code timeZone} (IANA), {@code
   * localStart}, the first occurrence's local date-time ({@code DTSTART}, e.g. {@code
   * 2027-01-01T23:00}), {@code duration}, how long each occurrence lasts on that zone's wall clock
   * ({@code PT56H}, {@code P2DT8H}), and {@code exceptionDates}, days ({@code 2027-03-26}) on which
   * no occurrence starts. {@code mode}: {@code BLOCK} or {@code WARN}.
   */
  public record Declaration(
      @NotBlank String name,
      String reason,
      @NotEmpty List<String> environments,
      List<String> projects,
      @NotBlank String mode,
      String start,
      String end,
      String recurrence,
      String timeZone,
      String localStart,
      String duration,
      List<String> exceptionDates) {}
}
