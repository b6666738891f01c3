/**
 * Automated health checks (README "Health checks"), modelled on Argo Rollouts' analysis: the checks
 * of an environment and of the request's health-check URL ({@link CheckDefinitions}, from {@code
 * deployment-request.health}), the hosts that URL may name ({@link AllowedHosts}), HTTP and
 * Prometheus probes, every measurement stored ({@code health_probe}) and summed up as an analysis
 * ({@link HealthChecks}), the signed, idempotent rollback webhook ({@link RollbackWebhook}) and the
 * metrics of both.
 */
package in.bontonsoftwares.deploymentrequest.health;
