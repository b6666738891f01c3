/** Submission to DevSecOps and the review against the SLA (policy steps 2 and 3). */
package in.bontonsoftwares.deploymentrequest.review;
