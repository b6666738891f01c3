/**
 * The default run's demo (README "Try it"): a stand-in for a deployed service whose health endpoint
 * DevSecOps can turn unhealthy, and the receiver of its rollback webhook, which "rolls it back" to
 * healthy. Only with {@code deployment-request.demo.enabled}.
 */
package in.bontonsoftwares.deploymentrequest.demo;
