/** Groups, demo users of the default run and the Tasklist filters. */
package in.bontonsoftwares.deploymentrequest.identity;
