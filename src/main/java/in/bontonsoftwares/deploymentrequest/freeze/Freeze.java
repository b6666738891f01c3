package in.bontonsoftwares.deploymentrequest.freeze;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.fortuna.ical4j.model.Recur;

/**
 * A freeze period: deployments to its environments (and, when it names any, only its projects) are
 * blocked ({@link Mode#BLOCK}) or flagged ({@link Mode#WARN}) while it lasts. Either one-off
 * ({@code startsAt} to {@code endsAt}) or recurring: an RFC 5545 {@code RRULE} from {@code
 * localStart} (the {@code DTSTART}) in {@code timeZone}, each occurrence lasting {@code duration}
 * on that zone's wall clock, so that a weekend freeze from Friday 23:00 to Monday 07:00 stays so
 * across a change to or from daylight saving time. {@code exceptionDates} ({@code EXDATE}) are days
 * on which no occurrence starts.
 */
record Freeze(
    long id,
    String name,
    String reason,
    List<String> environments,
    List<String> projects,
    Mode mode,
    Instant startsAt,
    Instant endsAt,
    String recurrenceRule,
    ZoneId timeZone,
    LocalDateTime localStart,
    Duration duration,
    List<LocalDate> exceptionDates,
    String createdBy,
    Instant createdAt,
    String updatedBy,
    Instant updatedAt) {

  /** BLOCK: no deployment; WARN: a deployment is flagged, not refused. */
  enum Mode {
    BLOCK,
    WARN
  }

  /** One period of a freeze, {@code start} included, {@code end} not. */
  record Occurrence(Instant start, Instant end) {

    boolean overlaps(Instant from, Instant to) {
      return start.isBefore(to) && end.isAfter(from);
    }
  }

  boolean recurring() {
    return recurrenceRule != null;
  }

  /** Whether the freeze applies to a deployment of this project to this environment. */
  boolean covers(String environment, String project) {
    return environments.contains(environment)
        && (projects.isEmpty() || (project != null && projects.contains(project)));
  }

  /** The occurrences that overlap {@code [from, to)}, in order. */
  List<Occurrence> occurrences(Instant from, Instant to) {
    if (!recurring()) {
      Occurrence once = new Occurrence(startsAt, endsAt);
      return once.overlaps(from, to) ? List.of(once) : List.of();
    }
    ZonedDateTime seed = localStart.atZone(timeZone);
    // an occurrence that started up to one duration before 'from' may still last
    ZonedDateTime searchFrom =
        from.atZone(timeZone).toLocalDateTime().minus(duration).atZone(timeZone);
    ZonedDateTime searchTo = to.atZone(timeZone);
    TreeSet<ZonedDateTime> starts = new TreeSet<>();
    if (!seed.isAfter(searchTo)) {
      // RFC 5545: DTSTART is the first occurrence, whether or not the rule matches it
      starts.add(seed);
      starts.addAll(rule().getDates(seed, searchFrom, searchTo));
    }
    List<Occurrence> occurrences = new ArrayList<>();
    for (ZonedDateTime start : starts) {
      if (exceptionDates.contains(start.toLocalDate())) {
        continue;
      }
      Occurrence occurrence =
          new Occurrence(
              start.toInstant(),
              start.toLocalDateTime().plus(duration).atZone(timeZone).toInstant());
      if (occurrence.overlaps(from, to)) {
        occurrences.add(occurrence);
      }
    }
    return occurrences;
  }

  private Recur<ZonedDateTime> rule() {
    return new Recur<>(recurrenceRule);
  }
}
