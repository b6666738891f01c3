package in.bontonsoftwares.deploymentrequest.forge;

import in.bontonsoftwares.deploymentrequest.pipeline.Gate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Which request a deployment held on GitHub or GitLab belongs to, strictly: its environment must be
 * one the configuration maps to a request environment, and its commit must be the request's commit.
 * A deployment names its request by number (GitHub's deployment payload {@code "deploymentRequest":
 * "DR-2026-0042"}) or by its commit alone: then exactly one open request of that environment may
 * name the commit (several are ambiguous and refused; with none open, the latest ended one answers,
 * so that a rejected request's deployment is rejected with its reason). The version and digest the
 * gate checks are the payload's ({@code version}, {@code digest}) where it gives them, else the
 * request's own: the commit stands for the artifact that was reviewed.
 */
@Component
class DeploymentMatcher {

  static final Pattern REQUEST_NUMBER = Pattern.compile("DR-\\d{4}-\\d{4,9}");
  static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

  private final Gate gate;

  DeploymentMatcher(Gate gate) {
    this.gate = gate;
  }

  /**
   * The request and what the deployment claims beyond its commit ({@code version}, {@code digest}:
   * {@code null} for the request's own); or, with {@code request} {@code null}, why the deployment
   * matches none ({@code refusal}, the comment it is rejected with).
   */
  record Match(
      Gate.Request request, String environment, String version, String digest, String refusal) {

    static Match refused(String environment, String refusal) {
      return new Match(null, environment, null, null, refusal);
    }
  }

  /**
   * What the deployment says of itself. {@code number}, {@code version}, {@code digest} may be
   * absent.
   */
  record Claim(String number, String version, String digest) {
    static final Claim NONE = new Claim(null, null, null);
  }

  Match match(Map<String, String> environments, String forgeEnvironment, String sha, Claim claim) {
    String environment = forgeEnvironment == null ? null : environments.get(forgeEnvironment);
    if (environment == null) {
      return Match.refused(
          null,
          "The deployment request gate does not decide deployments to the environment \"%s\": it is not in its configuration."
              .formatted(forgeEnvironment));
    }
    if (sha == null || !SHA.matcher(sha).matches()) {
      return Match.refused(environment, "The deployment names no commit the gate can check.");
    }
    String commit = sha.toLowerCase(Locale.ROOT);
    if (claim.number() != null) {
      return byNumber(environment, commit, claim);
    }
    List<Gate.Request> candidates =
        gate.forCommit(commit).stream()
            .filter(request -> environment.equals(request.environment()))
            .toList();
    List<Gate.Request> open = candidates.stream().filter(r -> !r.ended()).toList();
    if (open.size() > 1) {
      return Match.refused(
          environment,
          "Commit %s has several open deployment requests for %s (%s): name one in the deployment's payload as \"deploymentRequest\"."
              .formatted(
                  shortSha(commit),
                  environment,
                  open.stream().map(Gate.Request::number).collect(Collectors.joining(", "))));
    }
    if (open.isEmpty() && candidates.isEmpty()) {
      return Match.refused(
          environment,
          "No deployment request for commit %s to %s: file one (with commitSha %s) before deploying."
              .formatted(shortSha(commit), environment, commit));
    }
    Gate.Request request = open.isEmpty() ? candidates.get(0) : open.get(0);
    return asked(request, environment, claim);
  }

  private Match byNumber(String environment, String commit, Claim claim) {
    if (!REQUEST_NUMBER.matcher(claim.number()).matches()) {
      return Match.refused(
          environment, "The deployment's payload names no deployment request number.");
    }
    return gate.request(claim.number())
        .map(
            request -> {
              if (request.commitSha() == null) {
                return Match.refused(
                    environment,
                    "%s names no commit, so this deployment of %s cannot be checked against it."
                        .formatted(request.number(), shortSha(commit)));
              }
              if (!commit.startsWith(request.commitSha().toLowerCase(Locale.ROOT))) {
                return Match.refused(
                    environment,
                    "%s was reviewed for commit %s, not %s."
                        .formatted(request.number(), request.commitSha(), shortSha(commit)));
              }
              return asked(request, environment, claim);
            })
        .orElseGet(
            () ->
                Match.refused(
                    environment, "There is no deployment request " + claim.number() + "."));
  }

  private static Match asked(Gate.Request request, String environment, Claim claim) {
    return new Match(request, environment, claim.version(), claim.digest(), null);
  }

  static String shortSha(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
