/**
 * Human-readable numbers of requests and change tickets, drawn from counters in the app's database.
 */
package in.bontonsoftwares.deploymentrequest.numbering;
