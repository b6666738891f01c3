package in.bontonsoftwares.deploymentrequest.calendar;

import in.bontonsoftwares.deploymentrequest.freeze.FreezePeriods;
import in.bontonsoftwares.deploymentrequest.freeze.FreezePeriods.Period;
import in.bontonsoftwares.deploymentrequest.request.Environment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The freeze periods on the change calendar: one entry per period and environment, for everyone
 * signed in (freezes are no secret: everybody may read {@code /api/freezes}).
 */
@Component
class FreezeEntries implements CalendarEntrySource {

  private final FreezePeriods freezes;

  FreezeEntries(FreezePeriods freezes) {
    this.freezes = freezes;
  }

  @Override
  public List<CalendarEntry> entries(
      String environment, Instant from, Instant before, Caller caller) {
    List<CalendarEntry> entries = new ArrayList<>();
    for (Period period : freezes.periods(environment, from, before)) {
      for (String covered : period.environments()) {
        if (environment == null || environment.equals(covered)) {
          entries.add(entry(period, covered));
        }
      }
    }
    return entries;
  }

  private static CalendarEntry entry(Period period, String environment) {
    String label = Environment.labelOf(environment);
    String mode = period.block() ? "no deployment" : "deployments flagged";
    List<String> description = new ArrayList<>();
    description.add(
        "Freeze \"%s\" in %s: %s.".formatted(period.name(), label, mode)
            + (period.block() ? " A window inside it is refused." : ""));
    if (period.reason() != null && !period.reason().isBlank()) {
      description.add("Reason: " + period.reason());
    }
    if (!period.projects().isEmpty()) {
      description.add("Projects: " + String.join(", ", period.projects()));
    }
    return new CalendarEntry(
        "freeze-%d-%s-%d"
            .formatted(period.freezeId(), environment, period.start().getEpochSecond()),
        CalendarEntry.Kind.FREEZE,
        period.block() ? "Freeze (no deployment)" : "Freeze (warning)",
        "Freeze: %s - %s".formatted(period.name(), label),
        period.start(),
        period.end(),
        environment,
        null,
        String.join("\n", description),
        false,
        period.updatedAt());
  }
}
