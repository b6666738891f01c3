/** Limits on what a client may do in a time, and the record of who hit which limit, for DevSecOps. */
package in.bontonsoftwares.deploymentrequest.limits;
