package in.bontonsoftwares.deploymentrequest.calendar;

import java.time.Instant;

/**
 * One block of time on the change calendar: a deployment's window or a freeze period.
 *
 * @param id stable for as long as the entry exists (the request's deployment keeps its id when its
 *     window moves), unique across sources: the feed's {@code UID} is made from it, so that
 *     subscribed calendars update an event instead of adding a second one
 * @param status what the entry's source calls its state, for people ("Scheduled", "Rolled back")
 * @param environment the environment it concerns; {@code null} for every environment
 * @param link the page it is about, relative to the app ({@code /requests.html?request=...}), or
 *     {@code null} when there is none the caller may open
 * @param busy the caller may not read what it is: only its kind, window and environment are given
 * @param updatedAt when the entry last changed (the feed's {@code DTSTAMP} and {@code
 *     LAST-MODIFIED})
 */
public record CalendarEntry(
    String id,
    Kind kind,
    String status,
    String title,
    Instant start,
    Instant end,
    String environment,
    String link,
    String description,
    boolean busy,
    Instant updatedAt) {

  public CalendarEntry {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("Entry " + id + " ends before it starts");
    }
  }

  /** Whether it overlaps {@code [from, before)}. */
  boolean overlaps(Instant from, Instant before) {
    return end.isAfter(from) && start.isBefore(before);
  }

  public enum Kind {
    /** A confirmed window that has not opened yet. */
    DEPLOYMENT_SCHEDULED,
    /** A window that opened: the deployment is being executed or verified. */
    DEPLOYMENT_RUNNING,
    /** Deployed and verified, or rolled back. */
    DEPLOYMENT_FINISHED,
    /** A window that will not be used: the request ended without a deployment. */
    DEPLOYMENT_CANCELLED,
    /** A freeze period: no deployment (or only with a warning) in its environments. */
    FREEZE
  }
}
