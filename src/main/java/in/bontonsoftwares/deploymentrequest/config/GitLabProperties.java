package in.bontonsoftwares.deploymentrequest.config;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * GitLab deployment approvals (README "GitLab deployment approvals"). Off until {@code token} and
 * at least one project are given. The token (a project or personal access token with scope {@code
 * api}, whose user is an approver of the protected environments) comes only from here or the
 * environment ({@code DEPLOYMENT_REQUEST_GITLAB_TOKEN}) and is never shown.
 *
 * @param url the GitLab instance
 * @param projects the projects (numeric id or {@code group/project}) whose blocked deployments are
 *     decided here
 * @param environments each GitLab environment and the request environment it stands for ({@code
 *     prod: production}); blocked deployments of other environments are left to other approvers
 * @param pollEvery how often the blocked deployments are listed: GitLab's deployment webhooks do
 *     not report a deployment that waits for approval
 * @param playAfterApproval also run the deployment job once approved ({@code POST
 *     /projects/:id/jobs/:job_id/play}): GitLab leaves an approved job in its manual state
 */
@Validated
@ConfigurationProperties("deployment-request.gitlab")
public record GitLabProperties(
    @DefaultValue("https://gitlab.com") URI url,
    String token,
    @DefaultValue List<String> projects,
    @DefaultValue Map<String, String> environments,
    @NotNull @DurationMin(millis = 100) @DefaultValue("PT30S") Duration pollEvery,
    @DefaultValue("false") boolean playAfterApproval) {

  public boolean enabled() {
    return token != null && !token.isBlank() && !projects.isEmpty() && !environments.isEmpty();
  }

  @Override
  public String toString() {
    return "GitLabProperties[url="
        + url
        + ", token=(hidden), projects="
        + projects
        + ", environments="
        + environments
        + ", pollEvery="
        + pollEvery
        + ", playAfterApproval="
        + playAfterApproval
        + "]";
  }
}
