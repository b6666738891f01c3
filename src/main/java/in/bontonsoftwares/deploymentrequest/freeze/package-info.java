/**
 * Freeze periods and conflicts: windows in which deployments to some environments are blocked or
 * flagged, one-off or recurring (RFC 5545 rules expanded by iCal4j), managed at {@code
 * /api/freezes}, seeded from configuration and imported from holiday calendars; and the conflicts
 * of a chosen window ({@code /api/conflicts}): freezes, other deployments and the on-call person
 * booked twice. The scheduling step, the submission check and the pipeline gate ask here; the
 * change register lends its bookings through {@link
 * in.bontonsoftwares.deploymentrequest.freeze.Bookings}.
 */
package in.bontonsoftwares.deploymentrequest.freeze;
