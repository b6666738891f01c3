package in.bontonsoftwares.deploymentrequest.forge;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.config.GitLabProperties;
import in.bontonsoftwares.deploymentrequest.forge.HeldDeployments.Arrival;
import in.bontonsoftwares.deploymentrequest.forge.HeldDeployments.Forge;
import in.bontonsoftwares.deploymentrequest.forge.HeldDeployments.Held;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * GitLab's deployment approvals: {@code GET /projects/:id/deployments?status=blocked&environment=}
 * finds the deployments a protected environment holds (GitLab's deployment webhooks fire when a
 * deployment starts, succeeds, fails or is cancelled, not while it waits for approval, so the
 * blocked ones are listed every {@code poll-every}), and {@code POST
 * /projects/:id/deployments/:deployment_id/approval} with {@code status} {@code approved} or {@code
 * rejected} and the comment answers, as the token's user (header {@code PRIVATE-TOKEN}). A
 * deployment that is no longer blocked before we answered (someone else decided, it was cancelled)
 * is left alone.
 */
@Component
class GitLabApprovals implements ForgeClient {

  private static final Logger LOG = LoggerFactory.getLogger(GitLabApprovals.class);

  private final GitLabProperties properties;
  private final ForgeHttp http;

  GitLabApprovals(GitLabProperties properties, ForgeHttp http) {
    this.properties = properties;
    this.http = http;
  }

  @Override
  public boolean enabled() {
    return properties.enabled();
  }

  @Override
  public Forge forge() {
    return Forge.GITLAB;
  }

  @Override
  public boolean reports() {
    return false;
  }

  @Override
  public void report(Held held, String text) {
    // GitLab has no status report on a blocked deployment: only the approval's comment
  }

  @Override
  public void answer(Held held, boolean approve, String comment)
      throws IOException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", approve ? HeldDeployments.APPROVED : HeldDeployments.REJECTED);
    body.put("comment", comment);
    ForgeHttp.Answer answer =
        http.send(
            "POST",
            URI.create(project(held.repository()) + "/deployments/" + held.target() + "/approval"),
            Map.of("PRIVATE-TOKEN", properties.token()),
            body);
    if (!answer.ok()) {
      throw Refused.status(approve ? "approval" : "rejection", answer.status());
    }
    if (approve && properties.playAfterApproval() && held.jobId() != null) {
      play(held);
    }
  }

  /**
   * Runs the approved job: GitLab leaves an approved deployment job in its manual state. Once: a
   * failure is logged and left to people, the approval stands.
   */
  private void play(Held held) throws InterruptedException {
    try {
      ForgeHttp.Answer played =
          http.send(
              "POST",
              URI.create(project(held.repository()) + "/jobs/" + held.jobId() + "/play"),
              Map.of("PRIVATE-TOKEN", properties.token()),
              null);
      if (!played.ok()) {
        LOG.warn(
            "GitLab job {} of {} approved but not started: HTTP {}; run it in GitLab",
            held.jobId(),
            held.repository(),
            played.status());
      }
    } catch (IOException e) {
      LOG.warn(
          "GitLab job {} of {} approved but not started: {}; run it in GitLab",
          held.jobId(),
          held.repository(),
          e.getClass().getSimpleName());
    }
  }

  /**
   * The deployments blocked in each configured project and environment, and per project and
   * environment listed, the deployment ids found (to tell those no longer blocked).
   */
  Listing blocked() {
    List<Arrival> found = new ArrayList<>();
    Map<String, Set<String>> listed = new LinkedHashMap<>();
    for (String project : properties.projects()) {
      for (String environment : properties.environments().keySet()) {
        try {
          ForgeHttp.Answer answer =
              http.send(
                  "GET",
                  URI.create(
                      project(project)
                          + "/deployments?status=blocked&per_page=100&environment="
                          + URLEncoder.encode(environment, StandardCharsets.UTF_8)),
                  Map.of("PRIVATE-TOKEN", properties.token()),
                  null);
          if (!answer.ok() || answer.body() == null || !answer.body().isArray()) {
            LOG.warn(
                "GitLab did not list the blocked deployments of {} in {}: HTTP {}",
                project,
                environment,
                answer.status());
            continue;
          }
          Set<String> ids = new HashSet<>();
          for (JsonNode deployment : answer.body()) {
            String id = deployment.path("id").asText("");
            if (id.isEmpty() || !"blocked".equals(deployment.path("status").asText("blocked"))) {
              continue;
            }
            ids.add(id);
            found.add(
                new Arrival(
                    Forge.GITLAB,
                    "gitlab:" + project + ":" + id,
                    project,
                    deployment.path("environment").path("name").asText(environment),
                    deployment.path("sha").asText(null),
                    deployment.path("ref").asText(null),
                    id,
                    null,
                    null,
                    deployment.path("deployable").path("id").canConvertToLong()
                            && deployment.path("deployable").path("id").isIntegralNumber()
                        ? deployment.path("deployable").path("id").asLong()
                        : null));
          }
          listed.put(project + "\n" + environment, ids);
        } catch (IOException e) {
          LOG.warn(
              "GitLab did not list the blocked deployments of {} in {}: {}",
              project,
              environment,
              e.getClass().getSimpleName());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new Listing(found, listed);
        }
      }
    }
    return new Listing(found, listed);
  }

  /** What one poll found. {@code listed}: "project\nenvironment" to the ids blocked there. */
  record Listing(List<Arrival> blocked, Map<String, Set<String>> listed) {}

  private String project(String project) {
    String url = properties.url().toString();
    if (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    return url + "/api/v4/projects/" + URLEncoder.encode(project, StandardCharsets.UTF_8);
  }
}
