package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_APPROVED;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_COMMENT;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_DECIDED_BY;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_DECISION;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_REFUSAL;

import in.bontonsoftwares.deploymentrequest.display.People;
import in.bontonsoftwares.deploymentrequest.identity.CurrentUser;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.request.CompletionCheck;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Completing "Approve break-glass": a decision, and a comment when it refuses (the scheduler reads
 * it in "Schedule deployment"); records who decided. An approval lets the confirmed window into the
 * freezes it names ({@code breakGlassFreezeIds}): the change ticket notes it and the gate passes
 * them. Who may decide is {@code security.SeparationOfDuties}' rule, checked before this.
 */
@Component("approveBreakGlassListener")
class ApproveBreakGlassListener extends CompletionCheck {

  private final CurrentUser currentUser;
  private final People people;

  ApproveBreakGlassListener(RequestValidator validator, CurrentUser currentUser, People people) {
    super(validator);
    this.currentUser = currentUser;
    this.people = people;
  }

  @Override
  protected void check(ProcessVariables v, Problems problems) {
    String decision = v.get(BREAK_GLASS_DECISION);
    if (!Value.BREAK_GLASS_APPROVE.equals(decision) && !Value.BREAK_GLASS_REFUSE.equals(decision)) {
      problems.add("Choose a decision: approve or refuse the break-glass.");
    }
    if (Value.BREAK_GLASS_REFUSE.equals(decision) && !v.has(BREAK_GLASS_COMMENT)) {
      problems.add("Say in the comment why the break-glass is refused; the scheduler reads it.");
    }
    validator.lengths(v, problems, BREAK_GLASS_COMMENT);
  }

  @Override
  protected void completed(DelegateTask task, ProcessVariables v) {
    String by = currentUser.completing(task);
    v.set(BREAK_GLASS_DECIDED_BY, by);
    boolean approved = Value.BREAK_GLASS_APPROVE.equals(v.get(BREAK_GLASS_DECISION));
    v.set(BREAK_GLASS_APPROVED, approved);
    v.set(
        BREAK_GLASS_REFUSAL,
        approved
            ? null
            : "Break-glass refused by %s: %s"
                .formatted(people.name(by), v.get(BREAK_GLASS_COMMENT)));
  }
}
