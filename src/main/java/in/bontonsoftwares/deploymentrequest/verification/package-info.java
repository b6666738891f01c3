/**
 * Post-deployment verification (policy step 6): the verdict over health checks, smoke tests and QA
 * validation.
 */
package in.bontonsoftwares.deploymentrequest.verification;
