package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REQUEST_NUMBER;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The one ticket move that cannot be a task: on {@code end} of the process, a ticket still open is
 * cancelled. A request deleted in Cockpit (or over REST) never reaches another element of the
 * model; only a process-level listener sees it end. Every normal end has moved its ticket to a
 * final status before, so there it changes nothing.
 */
@Component("cancelOpenChangeTicket")
class CancelOpenChangeTicketListener implements ExecutionListener {

  private final ChangeTicketService tickets;
  private final IdentityService identityService;

  CancelOpenChangeTicketListener(ChangeTicketService tickets, IdentityService identityService) {
    this.tickets = tickets;
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (!EVENTNAME_END.equals(execution.getEventName())) {
      throw new IllegalStateException(
          "cancelOpenChangeTicket listens to the process 'end', not " + execution.getEventName());
    }
    Authentication authentication = identityService.getCurrentAuthentication();
    tickets.cancelIfOpen(
        ProcessVariables.of(execution).text(REQUEST_NUMBER),
        authentication == null ? null : authentication.getUserId(),
        "Request cancelled before the deployment finished");
  }
}
