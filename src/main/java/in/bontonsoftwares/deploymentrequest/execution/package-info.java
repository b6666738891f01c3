/**
 * Execution of a scheduled deployment (policy step 5): its outcome, and the roll-back that a
 * critical issue or a failed verification leads to.
 */
package in.bontonsoftwares.deploymentrequest.execution;
