package in.bontonsoftwares.deploymentrequest.calendar;

import java.time.Instant;
import java.util.List;

/**
 * Where calendar entries come from: every Spring bean implementing it adds its entries to the
 * change calendar's page and feed (the deployments' windows, the freeze periods).
 */
public interface CalendarEntrySource {

  /**
   * The entries that overlap {@code [from, before)}, in {@code environment} ({@code null}: in any),
   * as {@code caller} may see them: leave out or show as {@link CalendarEntry#busy() busy} what the
   * caller may not read.
   */
  List<CalendarEntry> entries(String environment, Instant from, Instant before, Caller caller);

  /** Who asks: the signed-in user and their groups as of the call. */
  record Caller(String id, List<String> groups) {}
}
