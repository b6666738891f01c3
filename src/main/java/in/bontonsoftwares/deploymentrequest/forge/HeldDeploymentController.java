package in.bontonsoftwares.deploymentrequest.forge;

import in.bontonsoftwares.deploymentrequest.forge.HeldDeployments.Held;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The held GitHub and GitLab deployments for admins ({@code camunda-admin}): {@code GET
 * /api/forge/deployments[?state=FAILED]}, the latest first, and {@code POST
 * /api/forge/deployments/{id}/retry}, which sends a FAILED answer again (an approval only if the
 * gate still gives it). No token nor secret is shown.
 */
@RestController
@RequestMapping("/api/forge/deployments")
class HeldDeploymentController {

  private final HeldDeployments store;
  private final HeldDeploymentWatch watch;

  HeldDeploymentController(HeldDeployments store, HeldDeploymentWatch watch) {
    this.store = store;
    this.watch = watch;
  }

  record Deployment(
      long id,
      String forge,
      String repository,
      String forgeEnvironment,
      String environment,
      String sha,
      String ref,
      String requestNumber,
      String state,
      String answer,
      String comment,
      int reports,
      int attempts,
      String lastError,
      Instant createdAt,
      Instant sentAt) {
    static Deployment of(Held held) {
      return new Deployment(
          held.id(),
          held.forge().name(),
          held.repository(),
          held.forgeEnvironment(),
          held.environment(),
          held.sha(),
          held.ref(),
          held.requestNumber(),
          held.state(),
          held.answer(),
          held.comment(),
          held.reports(),
          held.attempts(),
          held.lastError(),
          held.createdAt(),
          held.sentAt());
    }
  }

  @GetMapping
  List<Deployment> list(
      @RequestParam(required = false) String state,
      @RequestParam(defaultValue = "100") int maxResults) {
    return store.latest(state, Math.max(1, Math.min(maxResults, 1000))).stream()
        .map(Deployment::of)
        .toList();
  }

  @PostMapping("/{id}/retry")
  Map<String, Object> retry(@PathVariable long id) {
    if (!store.retry(id)) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "No FAILED held deployment " + id);
    }
    watch.soon();
    return Map.of("id", id, "state", HeldDeployments.DECIDED);
  }
}
