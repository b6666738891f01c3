/**
 * Scheduling (policy step 4): the change register, whose tickets move with the process, and the
 * calendar invitations for the confirmed window.
 */
package in.bontonsoftwares.deploymentrequest.schedule;
