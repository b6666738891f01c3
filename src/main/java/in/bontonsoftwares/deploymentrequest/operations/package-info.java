/**
 * What operators watch and what keeps a running system going: metrics of requests, SLA breaches,
 * failing jobs and mail, for Prometheus; and, at start-up, the move of requests still running on an
 * earlier version of the model onto the deployed one.
 */
package in.bontonsoftwares.deploymentrequest.operations;
