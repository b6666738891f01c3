package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Create change ticket" (policy step 4): opens the request's ticket, or gives it the new window
 * after a reschedule, and keeps its number on the request. A window that an approved break-glass
 * let into a BLOCK freeze is noted on the ticket: the freezes, the justification, who scheduled and
 * who approved it.
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
    if (v.get(BREAK_GLASS_APPROVED)) {
      noteBreakGlass(ticket, v);
    }
  }

  private void noteBreakGlass(ChangeTicket ticket, ProcessVariables v) {
    String full =
        "Break-glass approved by %s for %s inside the freeze %s (scheduled by %s). Justification: %s%s"
            .formatted(
                v.get(BREAK_GLASS_DECIDED_BY),
                tickets.window(ticket.windowStart(), ticket.windowEnd()),
                v.get(BREAK_GLASS_FREEZES),
                v.get(SCHEDULED_BY),
                v.get(BREAK_GLASS_JUSTIFICATION),
                v.has(BREAK_GLASS_COMMENT)
                    ? ". Approver's comment: " + v.get(BREAK_GLASS_COMMENT)
                    : "");
    // the event's note holds 4,000 characters; the whole text is in the record
    String note = full.length() <= 4000 ? full : full.substring(0, 3999) + "…";
    // the job may run again after a failure further on: one note per approval and window
    boolean noted =
        tickets.details(ticket.ticketNumber()).orElseThrow().events().stream()
            .anyMatch(event -> note.equals(event.note()));
    if (!noted) {
      tickets.note(ticket.requestNumber(), v.get(BREAK_GLASS_DECIDED_BY), note);
    }
  }
}
