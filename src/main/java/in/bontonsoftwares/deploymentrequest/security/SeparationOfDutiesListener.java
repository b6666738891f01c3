package in.bontonsoftwares.deploymentrequest.security;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REQUESTER;

import in.bontonsoftwares.deploymentrequest.identity.CurrentUser;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the requester off the tasks others must do ({@link SeparationOfDuties}): registered on
 * {@code assignment} (claim, assign, delegate) and, first of a task's listeners, on {@code
 * complete}, so that the task stays as it was whichever door the requester used; and on the tasks
 * that check another person's step ({@link SeparationOfDuties#NOT_BY}), that person off them.
 */
@Component("separationOfDuties")
class SeparationOfDutiesListener implements TaskListener {

  private final CurrentUser currentUser;

  SeparationOfDutiesListener(CurrentUser currentUser) {
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    ProcessVariables v = ProcessVariables.of(task);
    String requester = v.get(REQUESTER);
    SeparationOfDuties.Checked checked = SeparationOfDuties.NOT_BY.get(task.getTaskDefinitionKey());
    String checkedBy = checked == null ? null : v.get(checked.by());
    switch (task.getEventName()) {
      case EVENTNAME_ASSIGNMENT -> check(task, requester, checkedBy, task.getAssignee(), "take on");
      case EVENTNAME_COMPLETE -> check(task, requester, checkedBy, currentUser.id(), "complete");
      default ->
          throw new IllegalStateException(
              "separationOfDuties listens to 'assignment' and 'complete', not "
                  + task.getEventName());
    }
  }

  private static void check(
      DelegateTask task, String requester, String checkedBy, String actor, String action) {
    SeparationOfDuties.check(task.getTaskDefinitionKey(), task.getName(), requester, actor, action);
    SeparationOfDuties.checkSecondPerson(
        task.getTaskDefinitionKey(), task.getName(), checkedBy, actor, action);
  }
}
