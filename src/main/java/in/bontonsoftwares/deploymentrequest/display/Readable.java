package in.bontonsoftwares.deploymentrequest.display;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one way instants and durations are written for people, whatever the JVM's locale: {@code 2
 * Dec 2026, 03:30 IST (Asia/Kolkata)} (the zone's abbreviation for the season, and its id, since
 * abbreviations are ambiguous), and {@code 6 min 31 s}, {@code 2 days 3 h}.
 */
public final class Readable {

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm zzz", Locale.ENGLISH);
  private static final DateTimeFormatter TIME_OF_DAY =
      DateTimeFormatter.ofPattern("HH:mm:ss zzz", Locale.ENGLISH);

  private Readable() {}

  /** {@code 2 Dec 2026, 03:30 IST (Asia/Kolkata)}; empty for none. */
  public static String dateTime(Instant instant, ZoneId zone) {
    if (instant == null) {
      return "";
    }
    String shown = DATE_TIME.format(instant.atZone(zone));
    return shown.endsWith(" " + zone.getId()) ? shown : shown + " (" + zone.getId() + ")";
  }

  /**
   * The time of day to the second with the zone's abbreviation, {@code 12:01:05 IST}, for lists of
   * events of one day whose heading names the zone; empty for none.
   */
  public static String timeOfDay(Instant instant, ZoneId zone) {
    return instant == null ? "" : TIME_OF_DAY.format(instant.atZone(zone));
  }

  /**
   * The two largest units that are not zero, seconds at most: {@code 6 min 31 s}, {@code 2 days 3
   * h}, {@code 1 day}, {@code 0 s}; empty for none.
   */
  public static String duration(Duration duration) {
    if (duration == null) {
      return "";
    }
    long seconds = Math.abs(duration.getSeconds());
    long[] amounts = {seconds / 86_400, seconds / 3_600 % 24, seconds / 60 % 60, seconds % 60};
    String[] units = {"day", "h", "min", "s"};
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < amounts.length && parts.size() < 2; i++) {
      if (amounts[i] > 0) {
        parts.add(amounts[i] + " " + (i == 0 && amounts[i] > 1 ? "days" : units[i]));
      } else if (!parts.isEmpty()) {
        break; // "2 days 5 min" reads as if it were exact; "2 days" is honest
      }
    }
    return parts.isEmpty() ? "0 s" : String.join(" ", parts);
  }

  /**
   * An ISO-8601 duration as the record keeps it ({@code PT6M31.05S}); the text itself when it is
   * none.
   */
  public static String duration(String iso) {
    if (iso == null || iso.isBlank()) {
      return "";
    }
    try {
      return duration(Duration.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }
}
