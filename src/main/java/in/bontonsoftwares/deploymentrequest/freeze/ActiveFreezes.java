package in.bontonsoftwares.deploymentrequest.freeze;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** What the pipeline gate asks: is a deployment of this project to this environment held now? */
public interface ActiveFreezes {

  /** The BLOCK freezes holding a deployment at {@code at}, and until when; empty when none does. */
  default Optional<Hold> holding(String environment, String project, Instant at) {
    return holding(environment, project, at, Set.of());
  }

  /**
   * As {@link #holding(String, String, Instant)}, but without the freezes {@code excused}: those a
   * break-glass approval let the deployment's window into.
   */
  Optional<Hold> holding(String environment, String project, Instant at, Set<Long> excused);

  /**
   * @param names the freezes that hold it at {@code at}, in the order they were declared
   * @param until when the freezes (and any that follow without a gap) are over
   */
  record Hold(java.util.List<String> names, Instant until) {}
}
