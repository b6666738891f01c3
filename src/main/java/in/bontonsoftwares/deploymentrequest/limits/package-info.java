/**
 * Limits on what one person may start (starts per hour, open requests), enforced inside the start
 * so that every door obeys them, and the record of who hit which limit (these, and the failed
 * sign-ins per address), for DevSecOps.
 */
package in.bontonsoftwares.deploymentrequest.limits;
