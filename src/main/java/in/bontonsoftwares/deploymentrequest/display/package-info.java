/**
 * What people read: one date-time format with its zone, durations in words, the forms' labels for
 * option values and people's names for user ids. Mails, the PDF record, calendar descriptions and
 * messages all take them from here; machine values (JSON, REST, variables) stay as they are.
 */
package in.bontonsoftwares.deploymentrequest.display;
