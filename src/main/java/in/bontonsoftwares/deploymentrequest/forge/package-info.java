/**
 * Deployments held elsewhere until the gate decides (README "GitHub deployment protection rules",
 * "GitLab deployment approvals"): GitHub's custom deployment protection rule (a GitHub App: the
 * signed {@code deployment_protection_rule} webhook in, status reports and the callback out with an
 * installation token) and GitLab's deployment approvals (blocked deployments found by polling,
 * approved or rejected with a token whose user is an approver).
 *
 * <p>Both ask {@code pipeline.Gate}, the pipeline gate's one rule, nothing of their own. Each held
 * deployment is a row of {@code forge_deployment} ({@link HeldDeployments}), so it survives a
 * restart and any node may decide it: {@link DeploymentMatcher} matches it with a request (its
 * commit, or a request number in GitHub's deployment payload), {@link HeldDeploymentWatch} looks at
 * it again after its request's changes commit on this node (Camunda's execution events, as the
 * waiting gate calls do), when its window opens and every {@code recheck-every}, and {@link
 * AnswerDelivery} sends the answer once, claimed by a row update, with retries and backoff; after
 * the last attempt an ERROR log line and the {@code deployment.forge.failures} metric. Nothing here
 * ever holds up or fails a request.
 */
package in.bontonsoftwares.deploymentrequest.forge;
