/** Scheduling (policy step 4): the change register and its tickets. */
package in.bontonsoftwares.deploymentrequest.schedule;
