package in.bontonsoftwares.deploymentrequest.freeze;

import in.bontonsoftwares.deploymentrequest.config.FreezeProperties.Declaration;
import in.bontonsoftwares.deploymentrequest.request.Environment;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * Every check of a declared freeze, all problems named at once (400 with {@code problems}): a name,
 * known environments, a mode, and either a one-off period that ends after it starts or a recurrence
 * rule iCal4j reads, an IANA time zone, a local start and a positive duration.
 */
final class FreezeRules {

  static final int MAX_NAME = 200;
  static final int MAX_TEXT = 4000;

  /** A freeze recurs at most daily: finer rules would be expanded into far too many periods. */
  private static final Set<Frequency> FREQUENCIES =
      Set.of(Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.YEARLY);

  private static final Duration LONGEST_OCCURRENCE = Duration.ofDays(366);
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]");

  private FreezeRules() {}

  /** The freeze the input declares, or every problem with it. */
  static Freeze freeze(Declaration input, ZoneId appZone, String by, Instant at) {
    Problems problems = new Problems();
    if (input == null) {
      problems.add("Send the freeze as JSON: name, environments, mode and its period.");
      problems.throwIfAny();
    }
    String name = trimmed(input.name());
    if (name == null) {
      problems.add("name is required.");
    } else if (name.length() > MAX_NAME || CONTROL.matcher(name).find()) {
      problems.add("name must be one line of at most " + MAX_NAME + " characters.");
    }
    String reason = trimmed(input.reason());
    if (reason != null && reason.length() > MAX_TEXT) {
      problems.add("reason must be at most " + MAX_TEXT + " characters.");
    }
    List<String> environments = environments(input.environments(), problems);
    List<String> projects = projects(input.projects(), problems);
    Freeze.Mode mode = mode(input.mode(), problems);

    String rule = trimmed(input.recurrence());
    Instant startsAt = null;
    Instant endsAt = null;
    ZoneId zone = null;
    LocalDateTime localStart = null;
    Duration duration = null;
    List<LocalDate> exceptions = List.of();
    if (rule == null) {
      if (trimmed(input.localStart()) != null || trimmed(input.duration()) != null) {
        problems.add(
            "localStart and duration belong to a recurring freeze: give a recurrence too.");
      }
      if (input.exceptionDates() != null && !input.exceptionDates().isEmpty()) {
        problems.add("exceptionDates belong to a recurring freeze: give a recurrence too.");
      }
      ZoneId local = trimmed(input.timeZone()) == null ? appZone : zone(input.timeZone(), problems);
      if (local != null) {
        startsAt = instant(input.start(), "start", local, problems);
        endsAt = instant(input.end(), "end", local, problems);
      }
      if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
        problems.add(
            "end (%s) must be after start (%s)."
                .formatted(input.end().trim(), input.start().trim()));
      }
    } else {
      if (trimmed(input.start()) != null || trimmed(input.end()) != null) {
        problems.add(
            "start and end belong to a one-off freeze; a recurring one has localStart and duration.");
      }
      rule = rule(rule, problems);
      if (trimmed(input.timeZone()) == null) {
        problems.add("timeZone is required for a recurring freeze, e.g. Europe/Berlin.");
      } else {
        zone = zone(input.timeZone(), problems);
      }
      localStart = localStart(input.localStart(), problems);
      duration = duration(input.duration(), problems);
      exceptions = exceptionDates(input.exceptionDates(), problems);
    }
    problems.throwIfAny();
    return new Freeze(
        0,
        name,
        reason,
        environments,
        projects,
        mode,
        startsAt,
        endsAt,
        rule,
        zone,
        localStart,
        duration,
        exceptions,
        by,
        at,
        by,
        at);
  }

  private static List<String> environments(List<String> given, Problems problems) {
    List<String> environments = new ArrayList<>();
    if (given == null || given.stream().allMatch(e -> trimmed(e) == null)) {
      problems.add(
          "environments is required: one or more of development, testing, staging, production.");
      return environments;
    }
    for (String each : given) {
      String id = trimmed(each);
      if (id == null) {
        continue;
      }
      if (Environment.fromId(id).isEmpty()) {
        problems.add(
            "Unknown environment '%s': use development, testing, staging or production."
                .formatted(oneLine(id)));
      } else if (!environments.contains(id)) {
        environments.add(id);
      }
    }
    return List.copyOf(environments);
  }

  private static List<String> projects(List<String> given, Problems problems) {
    List<String> projects = new ArrayList<>();
    for (String each : given == null ? List.<String>of() : given) {
      String project = trimmed(each);
      if (project == null) {
        continue;
      }
      if (project.length() > 255 || CONTROL.matcher(project).find() || project.contains(",")) {
        problems.add("A project must be one line of at most 255 characters, without commas.");
      } else if (!projects.contains(project)) {
        projects.add(project);
      }
    }
    if (String.join(",", projects).length() > MAX_TEXT) {
      problems.add("Name fewer projects (at most " + MAX_TEXT + " characters in all).");
    }
    return List.copyOf(projects);
  }

  private static Freeze.Mode mode(String given, Problems problems) {
    String mode = trimmed(given);
    if (mode == null) {
      problems.add("mode is required: BLOCK (no deployment) or WARN (flagged).");
      return null;
    }
    try {
      return Freeze.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add("mode must be BLOCK or WARN (got '%s').".formatted(oneLine(mode)));
      return null;
    }
  }

  private static Instant instant(String given, String field, ZoneId zone, Problems problems) {
    String text = trimmed(given);
    if (text == null) {
      problems.add(
          field
              + " is required for a one-off freeze (or give a recurrence), e.g. 2026-12-24T00:00+01:00.");
      return null;
    }
    try {
      return WindowTime.parse(text, zone);
    } catch (IllegalArgumentException e) {
      problems.add(field + ": " + oneLine(e.getMessage()) + ".");
      return null;
    }
  }

  static ZoneId zone(String given, Problems problems) {
    String id = given.trim();
    // IANA names only: an offset (+02:00) knows no daylight saving time
    if (!ZoneId.getAvailableZoneIds().contains(id)) {
      problems.add(
          "Unknown time zone '%s': use an IANA name such as Europe/Berlin or Asia/Kolkata."
              .formatted(oneLine(id)));
      return null;
    }
    return ZoneId.of(id);
  }

  private static String rule(String given, Problems problems) {
    String rule = given.startsWith("RRULE:") ? given.substring("RRULE:".length()) : given;
    try {
      Recur<ZonedDateTime> recur = new Recur<>(rule);
      if (!FREQUENCIES.contains(recur.getFrequency())) {
        problems.add(
            "recurrence must repeat DAILY, WEEKLY, MONTHLY or YEARLY (got %s)."
                .formatted(recur.getFrequency()));
        return null;
      }
      return rule;
    } catch (RuntimeException e) {
      problems.add(
          "recurrence '%s' is not an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=FR (%s)."
              .formatted(oneLine(rule), oneLine(Objects.toString(e.getMessage(), "unreadable"))));
      return null;
    }
  }

  private static LocalDateTime localStart(String given, Problems problems) {
    String text = trimmed(given);
    if (text == null) {
      problems.add(
          "localStart is required for a recurring freeze: the first occurrence's local date and"
              + " time, e.g. 2027-01-01T23:00.");
      return null;
    }
    try {
      return LocalDateTime.parse(text);
    } catch (DateTimeParseException e) {
      problems.add(
          "localStart '%s' is not a local date and time such as 2027-01-01T23:00."
              .formatted(oneLine(text)));
      return null;
    }
  }

  private static Duration duration(String given, Problems problems) {
    String text = trimmed(given);
    if (text == null) {
      problems.add("duration is required for a recurring freeze, e.g. PT56H or P2DT8H.");
      return null;
    }
    try {
      Duration duration = Duration.parse(text);
      if (duration.isNegative()
          || duration.isZero()
          || duration.compareTo(LONGEST_OCCURRENCE) > 0) {
        problems.add(
            "duration must be longer than zero and at most P366D (got %s).".formatted(text));
        return null;
      }
      return duration;
    } catch (DateTimeParseException e) {
      problems.add(
          "duration '%s' is not an ISO-8601 duration such as PT56H or P2DT8H."
              .formatted(oneLine(text)));
      return null;
    }
  }

  private static List<LocalDate> exceptionDates(List<String> given, Problems problems) {
    List<LocalDate> dates = new ArrayList<>();
    for (String each : given == null ? List.<String>of() : given) {
      String text = trimmed(each);
      if (text == null) {
        continue;
      }
      try {
        LocalDate date = LocalDate.parse(text);
        if (!dates.contains(date)) {
          dates.add(date);
        }
      } catch (DateTimeException e) {
        problems.add(
            "exception date '%s' is not a date such as 2027-03-26.".formatted(oneLine(text)));
      }
    }
    if (dates.size() > 300) {
      problems.add("At most 300 exception dates.");
    }
    return List.copyOf(dates);
  }

  private static String trimmed(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  /** What a person typed, shown back on one line and short. */
  private static String oneLine(String text) {
    String line = CONTROL.matcher(text).replaceAll(" ");
    return line.length() > 100 ? line.substring(0, 100) + "..." : line;
  }
}
