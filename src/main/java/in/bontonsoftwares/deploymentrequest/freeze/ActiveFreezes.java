package in.bontonsoftwares.deploymentrequest.freeze;

import java.time.Instant;
import java.util.Optional;

/** What the pipeline gate asks: is a deployment of this project to this environment held now? */
public interface ActiveFreezes {

  /** The BLOCK freezes holding a deployment at {@code at}, and until when; empty when none does. */
  Optional<Hold> holding(String environment, String project, Instant at);

  /**
   * @param names the freezes that hold it at {@code at}, in the order they were declared
   * @param until when the freezes (and any that follow without a gap) are over
   */
  record Hold(java.util.List<String> names, Instant until) {}
}
