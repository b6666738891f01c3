package in.bontonsoftwares.deploymentrequest.request;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.WindowVariables;
import java.time.Instant;

/**
 * A rule that a chosen window must also pass, beyond reading as a window: kept by a feature that
 * knows more (freeze periods), asked by {@link RequestValidator#window} for the preferred and the
 * confirmed window alike.
 */
public interface WindowRule {

  /**
   * Adds a problem when the request's window {@code [start, end)} may not be chosen; may note what
   * people should know of it in {@code window.conflicts()}.
   *
   * @param what how the window is named to people, e.g. "preferred deployment window"
   */
  void check(
      ProcessVariables request,
      WindowVariables window,
      Instant start,
      Instant end,
      String what,
      Problems problems);
}
