package in.bontonsoftwares.deploymentrequest.freeze;

import in.bontonsoftwares.deploymentrequest.config.FreezeProperties.Declaration;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RRule;

/**
 * Reads a holiday calendar ({@code .ics}, RFC 5545) with iCal4j into freezes: each {@code VEVENT}
 * becomes one, named by its {@code SUMMARY} (a one-off one with its first day, {@code Christmas Day
 * (2026-12-25)}, since holiday calendars repeat names year by year), its {@code DESCRIPTION} the
 * reason; an event with an {@code RRULE} a recurring freeze (its {@code EXDATE}s the exception
 * dates), any other a one-off. All-day events last whole days in {@code zone}; a {@code DTSTART}
 * with {@code TZID} keeps its own zone.
 */
final class CalendarImport {

  /** The environments, projects and mode every imported freeze gets. */
  record Settings(List<String> environments, List<String> projects, String mode, ZoneId zone) {}

  private CalendarImport() {}

  static List<Declaration> read(String ics, Settings settings) {
    Problems problems = new Problems();
    Calendar calendar;
    try {
      calendar = new CalendarBuilder().build(new StringReader(ics == null ? "" : ics));
    } catch (ParserException | IOException | RuntimeException e) {
      problems.add(
          "The body is not an iCalendar file (RFC 5545) with BEGIN:VCALENDAR: " + reason(e));
      problems.throwIfAny();
      return List.of();
    }
    List<VEvent> events =
        calendar.getComponents().stream()
            .filter(VEvent.class::isInstance)
            .map(VEvent.class::cast)
            .toList();
    if (events.isEmpty()) {
      problems.add("The calendar has no VEVENT to import.");
    }
    List<Declaration> freezes = new ArrayList<>();
    int index = 0;
    for (VEvent event : events) {
      index++;
      event(event, index, settings, problems).ifPresent(freezes::add);
    }
    problems.throwIfAny();
    return freezes;
  }

  private static Optional<Declaration> event(
      VEvent event, int index, Settings settings, Problems problems) {
    String summary = text(event, Property.SUMMARY);
    String label = "VEVENT " + index + (summary == null ? "" : " (" + summary + ")");
    Optional<DateProperty<Temporal>> start = event.getPropertyList().getProperty(Property.DTSTART);
    if (summary == null) {
      problems.add(label + " has no SUMMARY to name the freeze.");
    }
    if (start.isEmpty()) {
      problems.add(label + " has no DTSTART.");
    }
    if (summary == null || start.isEmpty()) {
      return Optional.empty();
    }
    Temporal begins = start.get().getDate();
    ZoneId zone = zone(start.get(), begins, settings.zone());
    LocalDateTime localStart = local(begins, zone);
    Optional<DateProperty<Temporal>> end = event.getPropertyList().getProperty(Property.DTEND);
    Optional<net.fortuna.ical4j.model.property.Duration> length =
        event.getPropertyList().getProperty(Property.DURATION);
    LocalDateTime localEnd;
    if (end.isPresent()) {
      localEnd = local(end.get().getDate(), zone);
    } else if (length.isPresent()) {
      localEnd = plus(localStart, length.get().getDuration());
    } else {
      // RFC 5545: an all-day event without an end lasts its day; a timed one has no length
      localEnd = begins instanceof LocalDate ? localStart.plusDays(1) : localStart;
    }
    Optional<RRule<Temporal>> rule = event.getPropertyList().getProperty(Property.RRULE);
    String reason = text(event, Property.DESCRIPTION);
    if (rule.isEmpty()) {
      return Optional.of(
          new Declaration(
              "%s (%s)".formatted(summary, localStart.toLocalDate()),
              reason,
              settings.environments(),
              settings.projects(),
              settings.mode(),
              localStart.toString(),
              localEnd.toString(),
              null,
              zone.getId(),
              null,
              null,
              null));
    }
    List<String> exceptions = new ArrayList<>();
    for (Property exdate : event.getPropertyList().getProperties(Property.EXDATE)) {
      for (Object date : ((DateListProperty<?>) exdate).getDates()) {
        exceptions.add(local((Temporal) date, zone).toLocalDate().toString());
      }
    }
    return Optional.of(
        new Declaration(
            summary,
            reason,
            settings.environments(),
            settings.projects(),
            settings.mode(),
            null,
            null,
            rule.get().getValue(),
            zone.getId(),
            localStart.toString(),
            Duration.between(localStart, localEnd).toString(),
            exceptions));
  }

  /**
   * The zone of a {@code DTSTART}: its {@code TZID} when that is an IANA name (iCal4j gives zones
   * it read from the file an id of its own), else that of the time itself, else the import's.
   */
  private static ZoneId zone(DateProperty<Temporal> start, Temporal begins, ZoneId fallback) {
    Optional<String> tzid =
        start.getParameter(Parameter.TZID).map(parameter -> ((Parameter) parameter).getValue());
    if (tzid.isPresent() && ZoneId.getAvailableZoneIds().contains(tzid.get())) {
      return ZoneId.of(tzid.get());
    }
    return begins instanceof ZonedDateTime zoned ? zoned.getZone() : fallback;
  }

  private static LocalDateTime local(Temporal temporal, ZoneId zone) {
    if (temporal instanceof LocalDate date) {
      return date.atStartOfDay();
    }
    if (temporal instanceof LocalDateTime local) {
      return local;
    }
    if (temporal instanceof ZonedDateTime zoned) {
      return zoned.withZoneSameInstant(zone).toLocalDateTime();
    }
    if (temporal instanceof OffsetDateTime offset) {
      return offset.atZoneSameInstant(zone).toLocalDateTime();
    }
    return Instant.from(temporal).atZone(zone).toLocalDateTime();
  }

  private static LocalDateTime plus(LocalDateTime start, TemporalAmount amount) {
    return amount instanceof Period || amount instanceof Duration
        ? start.plus(amount)
        : start.plus(Duration.from(amount));
  }

  private static String text(VEvent event, String name) {
    return event
        .getPropertyList()
        .getProperty(name)
        .map(property -> ((Property) property).getValue())
        .map(String::strip)
        .filter(value -> !value.isEmpty())
        .orElse(null);
  }

  private static String reason(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String line = message.replaceAll("[\\p{Cntrl}]", " ");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
