package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Keeps the change ticket in step with the process. On {@code take} of the flows where the
 * deployment's state changes: the window opened (in progress), verification passed (completed),
 * roll-back done (rolled back), window not usable (back to scheduled). On {@code end} of the
 * process: a ticket still open is cancelled (the request was cancelled, e.g. in Cockpit). Flows
 * rather than activity ends, so that deleting an instance never looks like a deployment that
 * happened.
 */
@Component("changeTicketListener")
class ChangeTicketListener implements ExecutionListener {

  private final ChangeTicketService tickets;
  private final IdentityService identityService;

  ChangeTicketListener(ChangeTicketService tickets, IdentityService identityService) {
    this.tickets = tickets;
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    ProcessVariables v = ProcessVariables.of(execution);
    String request = v.text(REQUEST_NUMBER);
    if (EVENTNAME_END.equals(execution.getEventName())) {
      tickets.cancelIfOpen(
          request, actingUser(), "Request cancelled before the deployment finished");
      return;
    }
    if (!EVENTNAME_TAKE.equals(execution.getEventName())) {
      throw new IllegalStateException(
          "changeTicketListener listens to 'take' and process 'end', not "
              + execution.getEventName());
    }
    switch (execution.getCurrentTransitionId()) {
      case Element.FLOW_WINDOW_OPENED ->
          tickets.move(
              request, ChangeTicket.Status.IN_PROGRESS, actingUser(), "Deployment window opened");
      case Element.FLOW_VERIFICATION_PASSED ->
          tickets.move(
              request, ChangeTicket.Status.COMPLETED, actingUser(), v.string(VERIFICATION_SUMMARY));
      case Element.FLOW_ROLLED_BACK ->
          tickets.move(
              request, ChangeTicket.Status.ROLLED_BACK, actingUser(), v.string(ROLLBACK_NOTES));
      case Element.FLOW_RESCHEDULE -> {
        tickets.move(
            request,
            ChangeTicket.Status.SCHEDULED,
            actingUser(),
            "Window not usable: " + v.text(EXECUTION_NOTES));
        // the next window's execution starts without an outcome; this one stays in the history
        v.set(EXECUTION_OUTCOME, null);
      }
      default ->
          throw new IllegalStateException(
              "No change-ticket move for flow " + execution.getCurrentTransitionId());
    }
  }

  private String actingUser() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }
}
