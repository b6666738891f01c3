/**
 * The default run's demo (README "A walk through one request"): a stand-in for a deployed service
 * whose health endpoint DevSecOps can turn unhealthy, the receiver of its rollback webhook, which
 * "rolls it back" to healthy, and a stand-in for Slack's Web API ({@code chat.postMessage}) that
 * the demo's chat target posts every request's thread to. Only with {@code
 * deployment-request.demo.enabled}.
 */
package in.bontonsoftwares.deploymentrequest.demo;
