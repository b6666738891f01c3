/**
 * Who may act and read where: authentication of every API against the engine's identity service,
 * the engine's authorization grants per group, separation of duties on a request's tasks and the
 * guards against hostile input.
 */
package in.bontonsoftwares.deploymentrequest.security;
