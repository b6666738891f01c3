/** The deployment request itself: its number, its data and the checks of what people enter. */
package in.bontonsoftwares.deploymentrequest.request;
