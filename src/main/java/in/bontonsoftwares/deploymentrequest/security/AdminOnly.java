package in.bontonsoftwares.deploymentrequest.security;

import in.bontonsoftwares.deploymentrequest.identity.Groups;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * The rule for the engine's side doors, checked at the HTTP door ({@link SideDoorFilter}) and again
 * inside the engine ({@link StepGate}): operations that move a request outside its model are for
 * {@code camunda-admin} only.
 */
final class AdminOnly {

  private AdminOnly() {}

  /**
   * A signed-in person who is no administrator; {@code false} for the engine's own work (nobody
   * signed in).
   */
  static boolean refuses(Authentication person) {
    return person != null
        && person.getUserId() != null
        && (person.getGroupIds() == null || !person.getGroupIds().contains(Groups.ADMINS));
  }

  static AuthorizationException refusal(String userId) {
    return new AuthorizationException(
        ("%s may not do this: starting a request at a chosen activity, modifying or "
                + "restarting it, running its jobs by hand, changing their retries, due dates or state, or setting its "
                + "variables outside a step is for administrators (%s) only.")
            .formatted(userId, Groups.ADMINS));
  }
}
