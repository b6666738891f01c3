package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Create change ticket" (policy step 4): opens the request's ticket, or gives it the new window
 * after a reschedule, and keeps its number on the request.
 */
@Component("createChangeTicket")
class CreateChangeTicketDelegate implements JavaDelegate {

  private final ChangeTicketService tickets;
  private final DeploymentRequestProperties properties;

  CreateChangeTicketDelegate(ChangeTicketService tickets, DeploymentRequestProperties properties) {
    this.tickets = tickets;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ProcessVariables v = ProcessVariables.of(execution);
    ChangeTicket ticket =
        tickets.open(
            new ChangeTicketService.NewTicket(
                v.text(REQUEST_NUMBER),
                execution.getProcessInstanceId(),
                v.text(PROJECT_NAME),
                v.text(APPLICATION_NAME),
                v.text(VERSION),
                v.text(ENVIRONMENT),
                v.get(CONFIRMED_WINDOW.start()).toInstant(),
                v.get(CONFIRMED_WINDOW.end()).toInstant(),
                v.text(ROLLBACK_PLAN),
                v.get(REVIEWER),
                v.get(SCHEDULED_BY)));
    v.set(CHANGE_TICKET_NUMBER, ticket.ticketNumber());
  }
}
