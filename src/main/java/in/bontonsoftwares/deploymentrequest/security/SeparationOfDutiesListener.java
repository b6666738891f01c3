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
 * complete}, so that the task stays as it was whichever door the requester used.
 */
@Component("separationOfDuties")
class SeparationOfDutiesListener implements TaskListener {

  private final CurrentUser currentUser;

  SeparationOfDutiesListener(CurrentUser currentUser) {
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    String requester = ProcessVariables.of(task).get(REQUESTER);
    switch (task.getEventName()) {
      case EVENTNAME_ASSIGNMENT ->
          SeparationOfDuties.check(
              task.getTaskDefinitionKey(),
              task.getName(),
              requester,
              task.getAssignee(),
              "take on");
      case EVENTNAME_COMPLETE ->
          SeparationOfDuties.check(
              task.getTaskDefinitionKey(), task.getName(), requester, currentUser.id(), "complete");
      default ->
          throw new IllegalStateException(
              "separationOfDuties listens to 'assignment' and 'complete', not "
                  + task.getEventName());
    }
  }
}
