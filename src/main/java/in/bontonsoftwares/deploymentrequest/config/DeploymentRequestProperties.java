package in.bontonsoftwares.deploymentrequest.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the policy leaves to the organisation (mailbox, checklist, SLA) and the few knobs of
 * the app. Defaults live in {@code application.yaml}; a wrong value stops the start-up with a
 * message naming the property.
 */
@Validated
@ConfigurationProperties("deployment-request")
public record DeploymentRequestProperties(
    @NotBlank @Email String mailbox,
    @NotBlank @Email String sender,
    @NotNull ZoneId timeZone,
    @NotBlank String baseUrl,
    @Valid @NotNull ReviewSla reviewSla,
    @Valid @NotNull Checklist checklist,
    @Valid @NotNull Demo demo,
    @Valid @NotNull EmbeddedSmtp embeddedSmtp,
    @Valid @NotNull Archive archive,
    @Valid @NotNull Security security) {

  /** The domain of the sender's address, in lower case: it names the calendars' {@code UID}s. */
  public String senderDomain() {
    return sender.substring(sender.indexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * The first instant of {@code day} in the configured time zone; {@code null} for {@code null}.
   */
  public Instant startOf(LocalDate day) {
    return day == null ? null : day.atStartOfDay(timeZone).toInstant();
  }

  /**
   * The first instant after {@code day} (an end that excludes itself); {@code null} for {@code
   * null}.
   */
  public Instant endOf(LocalDate day) {
    return day == null ? null : startOf(day.plusDays(1));
  }

  /**
   * Review due per environment (policy Chapter 1 stand-in); environments not listed use {@code
   * other}.
   */
  public record ReviewSla(@NotNull Map<String, Duration> environments, @NotNull Duration other) {

    public Duration forEnvironment(String environment) {
      return environments.getOrDefault(environment, other);
    }
  }

  /** The pre-deployment checklist (policy 3.1.2 stand-in). */
  public record Checklist(@Valid @NotEmpty List<Item> items) {}

  /**
   * One checklist item. Its {@code id} names the form fields {@code checklist<Id>} and {@code
   * checklist<Id>Evidence}, {@code text} is the checkbox's label and {@code evidence} the hint
   * under the evidence field (the forms follow these, see {@code ChecklistFormsTest}); {@code
   * environments} are the environments in which the item is mandatory.
   */
  public record Item(
      @NotBlank String id,
      @NotBlank String text,
      String evidence,
      @NotNull List<String> environments) {}

  /**
   * Demo users and groups of the embedded default run, and the bot token that the demo's Slack
   * ({@code demo.DemoSlack}) accepts.
   */
  public record Demo(boolean enabled, String password, String slackToken) {

    @Override
    public String toString() {
      return "Demo[enabled=" + enabled + ", password=(hidden), slackToken=(hidden)]";
    }
  }

  /**
   * The default run's own SMTP server (only while {@code spring.mail.host} is not set); port 0
   * takes a free one.
   */
  public record EmbeddedSmtp(@PositiveOrZero @Max(65535) int port) {}

  /** Where deployment records are archived: {@code <directory>/<year>/<number>.pdf} and .json. */
  public record Archive(@NotNull Path directory) {}

  /** Largest request body that /engine-rest, /api and the webapps' API accept (413 beyond). */
  public record Security(@NotNull DataSize maxRequestSize) {}
}
