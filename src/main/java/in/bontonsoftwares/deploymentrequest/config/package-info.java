/** Configuration of the application: the organisation's settings that the policy leaves open. */
package in.bontonsoftwares.deploymentrequest.config;
