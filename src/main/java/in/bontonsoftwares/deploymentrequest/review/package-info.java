/**
 * Submission to DevSecOps and the review against the SLA (policy steps 2 and 3), with what a later
 * revision's reviewer reads: the fields changed since the previous revision and the earlier
 * reviews.
 */
package in.bontonsoftwares.deploymentrequest.review;
