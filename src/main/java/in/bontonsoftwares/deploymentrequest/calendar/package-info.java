/**
 * The change calendar: the windows of scheduled, running and finished deployments (and, from other
 * sources, freeze periods) per environment, as JSON for {@code /calendar.html} ({@code GET
 * /api/calendar}) and as a subscribable iCalendar feed ({@code GET /api/calendar.ics}). Each kind
 * of entry comes from a {@link CalendarEntrySource}; the deployments' source reads the change
 * register and lets the engine decide which requests the caller may read.
 */
package in.bontonsoftwares.deploymentrequest.calendar;
