package in.bontonsoftwares.deploymentrequest.forge;

import in.bontonsoftwares.deploymentrequest.forge.HeldDeployments.Forge;
import in.bontonsoftwares.deploymentrequest.forge.HeldDeployments.Held;
import java.io.IOException;

/** How we talk back to the forge that holds a deployment. */
interface ForgeClient {

  Forge forge();

  /** Whether it is configured. */
  boolean enabled();

  /** Whether the forge takes status reports while the gate waits (GitHub does, GitLab not). */
  boolean reports();

  /** A status report: what the gate says while it waits. */
  void report(Held held, String text) throws IOException, InterruptedException;

  /** The answer: approve or reject the held deployment, with the comment. */
  void answer(Held held, boolean approve, String comment) throws IOException, InterruptedException;

  /**
   * An answer of the forge that is not a success: its status only, never the body (which could echo
   * a token). {@code retry}: whether trying again may help (5xx, 429, a token that expired).
   */
  final class Refused extends IOException {
    private final boolean retry;

    Refused(String message, boolean retry) {
      super(message);
      this.retry = retry;
    }

    boolean retry() {
      return retry;
    }

    static Refused status(String what, int status) {
      return new Refused(
          what + ": HTTP " + status, status >= 500 || status == 429 || status == 408);
    }
  }
}
