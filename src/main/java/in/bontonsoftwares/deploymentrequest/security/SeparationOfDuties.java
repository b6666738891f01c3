package in.bontonsoftwares.deploymentrequest.security;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.Variable;
import java.util.Map;
import java.util.Set;

/**
 * The four-eyes rule of the policy: the requester of a deployment never claims, is assigned or
 * completes a review, scheduling, execution, verification, roll-back, documentation or break-glass
 * task of their own request, even as a member of the group that does it; and a step that checks
 * another person's step ({@link #NOT_BY}) is never done by that person either.
 */
public final class SeparationOfDuties {

  /** The tasks of a request that its requester must not do. */
  public static final Set<String> GUARDED_TASKS =
      Set.of(
          Element.REVIEW_REQUEST,
          Element.SCHEDULE_DEPLOYMENT,
          Element.APPROVE_BREAK_GLASS,
          Element.EXECUTE_DEPLOYMENT,
          Element.VERIFY_HEALTH,
          Element.VALIDATE_QA,
          Element.ROLL_BACK_DEPLOYMENT,
          Element.DECIDE_ON_HEALTH,
          Element.DOCUMENT_DEPLOYMENT);

  /**
   * Tasks that a second person must do: the variable naming who did the step they check, and that
   * step's name. The break-glass is approved by someone other than the scheduler.
   */
  public static final Map<String, Checked> NOT_BY =
      Map.of(
          Element.APPROVE_BREAK_GLASS,
          new Checked(Data.SCHEDULED_BY, "scheduled this window into the freeze"));

  /**
   * @param by the variable holding who did the checked step
   * @param did what that person did, for the refusal
   */
  public record Checked(Variable<String> by, String did) {}

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

  /**
   * @param checkedBy who did the step that this task checks ({@link #NOT_BY}), {@code null} when
   *     the task checks none or nobody did it yet
   * @throws SeparationOfDutiesException when the actor did that step
   */
  public static void checkSecondPerson(
      String taskKey, String taskName, String checkedBy, String actor, String action) {
    Checked checked = NOT_BY.get(taskKey);
    if (checked != null && actor != null && actor.equals(checkedBy)) {
      throw new SeparationOfDutiesException(
          ("%s cannot %s \"%s\": they %s, and the policy requires a second DevSecOps member "
                  + "to decide on it.")
              .formatted(actor, action, taskName, checked.did()));
    }
  }
}
