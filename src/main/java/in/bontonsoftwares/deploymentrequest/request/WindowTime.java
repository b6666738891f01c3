package in.bontonsoftwares.deploymentrequest.request;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Deployment windows as people and pipelines send them: ISO-8601 text, kept in UTC with minute
 * precision ({@code 2026-12-01T22:00Z}), the format Camunda Forms' date-time field writes and
 * reads. {@link RequestValidator} reads the text once and stores the instant next to it as a date,
 * which the timer, mails, change ticket and record use. People read them as {@code
 * display.Readable} writes them.
 */
public final class WindowTime {

  private static final DateTimeFormatter STORED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'");

  private WindowTime() {}

  /**
   * Reads what a person or a pipeline sent: with an offset ({@code 2026-12-01T22:00+05:30}, {@code
   * ...Z}) or without one, which is then taken in the organisation's zone.
   *
   * @throws IllegalArgumentException when the text is not a date and time
   */
  public static Instant parse(String text, ZoneId localZone) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).atZone(localZone).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a date and time such as 2026-12-01T22:00Z", e);
      }
    }
  }

  public static String store(Instant instant) {
    return STORED.format(stored(instant).atOffset(ZoneOffset.UTC));
  }

  /** The instant as the process keeps it: to the minute, like the text the form shows. */
  public static Instant stored(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MINUTES);
  }
}
