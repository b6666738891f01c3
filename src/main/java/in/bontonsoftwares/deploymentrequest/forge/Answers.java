package in.bontonsoftwares.deploymentrequest.forge;

import in.bontonsoftwares.deploymentrequest.forge.HeldDeployments.Forge;
import in.bontonsoftwares.deploymentrequest.forge.HeldDeployments.Held;
import in.bontonsoftwares.deploymentrequest.pipeline.GateDecision;

/** The texts left on a held deployment: the gate's own message, with the request's number. */
final class Answers {

  private Answers() {}

  static String approval(Held held, GateDecision decision) {
    return "Approved by the deployment request gate: " + decision.message();
  }

  static String rejection(Held held, GateDecision decision) {
    return "Rejected by the deployment request gate ("
        + decision.reason()
        + "): "
        + decision.message();
  }

  static String waiting(GateDecision decision) {
    return "Waiting for the deployment request gate ("
        + decision.reason()
        + "): "
        + decision.message();
  }

  /** Where the deployment waits, for the record of a GO. */
  static String where(Held held) {
    return held.forge() == Forge.GITHUB
        ? held.target()
        : "gitlab:" + held.repository() + "/deployments/" + held.target();
  }
}
