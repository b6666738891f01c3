package in.bontonsoftwares.deploymentrequest.security;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import java.util.Set;

/**
 * The four-eyes rule of the policy: the requester of a deployment never claims, is assigned or
 * completes a review, scheduling, execution, verification, roll-back or documentation task of their
 * own request, even as a member of the group that does it.
 */
public final class SeparationOfDuties {

  /** The tasks of a request that its requester must not do. */
  public static final Set<String> GUARDED_TASKS =
      Set.of(
          Element.REVIEW_REQUEST,
          Element.SCHEDULE_DEPLOYMENT,
          Element.EXECUTE_DEPLOYMENT,
          Element.VERIFY_HEALTH,
          Element.VALIDATE_QA,
          Element.ROLL_BACK_DEPLOYMENT,
          Element.DOCUMENT_DEPLOYMENT);

  private SeparationOfDuties() {}

  /**
   * @param taskKey the task definition key
   * @param requester who started the request
   * @param actor who claims, is assigned or completes the task; {@code null} for the engine itself
   * @throws SeparationOfDutiesException when the actor is the requester of a guarded task
   */
  public static void check(
      String taskKey, String taskName, String requester, String actor, String action) {
    if (GUARDED_TASKS.contains(taskKey) && actor != null && actor.equals(requester)) {
      throw new SeparationOfDutiesException(
          ("%s cannot %s \"%s\": it is their own deployment request, and the policy "
                  + "requires someone else to do this step.")
              .formatted(actor, action, taskName));
    }
  }
}
