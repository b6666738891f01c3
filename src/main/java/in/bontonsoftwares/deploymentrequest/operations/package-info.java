/**
 * What operators watch: metrics of requests, SLA breaches, failing jobs and mail, for Prometheus.
 */
package in.bontonsoftwares.deploymentrequest.operations;
