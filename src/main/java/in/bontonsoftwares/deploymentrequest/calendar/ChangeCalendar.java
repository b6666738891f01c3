package in.bontonsoftwares.deploymentrequest.calendar;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/** The entries of every {@link CalendarEntrySource}, earliest first. */
@Service
class ChangeCalendar {

  private final List<CalendarEntrySource> sources;

  ChangeCalendar(List<CalendarEntrySource> sources) {
    this.sources = sources;
  }

  List<CalendarEntry> entries(
      String environment, Instant from, Instant before, CalendarEntrySource.Caller caller) {
    return sources.stream()
        .flatMap(source -> source.entries(environment, from, before, caller).stream())
        .filter(entry -> entry.overlaps(from, before))
        .sorted(Comparator.comparing(CalendarEntry::start).thenComparing(CalendarEntry::id))
        .toList();
  }
}
