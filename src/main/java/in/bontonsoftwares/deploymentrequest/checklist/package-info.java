/**
 * The pre-deployment checklist (policy 3.1.2): configured items and the automatic completeness
 * check.
 */
package in.bontonsoftwares.deploymentrequest.checklist;
