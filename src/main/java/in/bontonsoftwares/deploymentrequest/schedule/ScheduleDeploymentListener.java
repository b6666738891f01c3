package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.CALENDAR_SEQUENCE;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.CONFIRMED_WINDOW;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.PREFERRED_WINDOW;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ROLLBACK_PROCEDURE_CONFIRMED;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.SCHEDULED_BY;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.SCHEDULING_NOTES;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.STAKEHOLDER_EMAILS;

import in.bontonsoftwares.deploymentrequest.identity.CurrentUser;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.request.CompletionCheck;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * "Schedule deployment": on {@code create} it proposes the requester's preferred window (the first
 * time; a reschedule shows the window confirmed before); on {@code complete} it checks the
 * confirmed window, the rollback confirmation and the stakeholders, records who scheduled, and
 * moves the calendar invitation's sequence (0 the first time, +1 on each reschedule), which the
 * confirmation mail then sends.
 */
@Component("scheduleDeploymentListener")
class ScheduleDeploymentListener extends CompletionCheck {

  private final CurrentUser currentUser;

  ScheduleDeploymentListener(RequestValidator validator, CurrentUser currentUser) {
    super(validator);
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      proposeWindow(ProcessVariables.of(task));
    } else {
      super.notify(task);
    }
  }

  private void proposeWindow(ProcessVariables v) {
    if (!v.has(CONFIRMED_WINDOW.startText())) {
      v.set(CONFIRMED_WINDOW.startText(), v.get(PREFERRED_WINDOW.startText()));
      v.set(CONFIRMED_WINDOW.endText(), v.get(PREFERRED_WINDOW.endText()));
    }
    if (!v.has(ROLLBACK_PROCEDURE_CONFIRMED)) {
      v.set(ROLLBACK_PROCEDURE_CONFIRMED, false);
    }
  }

  @Override
  protected void check(ProcessVariables v, Problems problems) {
    validator.required(v, CONFIRMED_WINDOW.startText(), "Confirmed window start", problems);
    validator.required(v, CONFIRMED_WINDOW.endText(), "Confirmed window end", problems);
    validator.window(v, CONFIRMED_WINDOW, "confirmed deployment window", problems);
    if (!v.get(ROLLBACK_PROCEDURE_CONFIRMED)) {
      problems.add("Confirm the rollback procedure with the team before scheduling.");
    }
    validator.emailList(v, STAKEHOLDER_EMAILS, problems);
    validator.lengths(v, problems, STAKEHOLDER_EMAILS, SCHEDULING_NOTES);
  }

  @Override
  protected void completed(DelegateTask task, ProcessVariables v) {
    v.set(SCHEDULED_BY, currentUser.completing(task));
    v.set(CALENDAR_SEQUENCE, v.has(CALENDAR_SEQUENCE) ? v.get(CALENDAR_SEQUENCE) + 1 : 0);
  }
}
