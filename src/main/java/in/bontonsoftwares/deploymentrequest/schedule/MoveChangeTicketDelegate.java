package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.Variable;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Component;

/**
 * The change-ticket tasks of the model ("Mark change in progress", "Close change ticket", "Mark
 * change rolled back", "Return change to scheduled"): each moves the request's ticket to the status
 * its {@code changeStatus} input names. A move to the status the ticket has changes nothing, so a
 * job that runs again adds no second event; but a return to scheduling from a window that has not
 * opened yet (a freeze declared over it) notes why on the ticket, which is still scheduled.
 *
 * <p>The job runs after a save point, where nobody is signed in: the move is by the person who
 * completed the step before it (from the user operation log), none when the window's timer opened
 * it.
 */
@Component("moveChangeTicket")
class MoveChangeTicketDelegate implements JavaDelegate {

  static final Variable<String> STATUS_INPUT = Variable.text("changeStatus");

  private final ChangeTicketService tickets;
  private final HistoryService historyService;

  MoveChangeTicketDelegate(ChangeTicketService tickets, HistoryService historyService) {
    this.tickets = tickets;
    this.historyService = historyService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ChangeTicket.Status to = ChangeTicket.Status.valueOf(STATUS_INPUT.fromLocal(execution));
    ProcessVariables v = ProcessVariables.of(execution);
    String note =
        switch (to) {
          case IN_PROGRESS -> "Deployment window opened";
          case COMPLETED -> v.get(VERIFICATION_SUMMARY);
          case ROLLED_BACK -> v.get(ROLLBACK_NOTES);
          case SCHEDULED -> "Window not usable: " + v.text(EXECUTION_NOTES);
          case CANCELLED ->
              throw new IllegalStateException(
                  "A request is cancelled by deleting it, not by a task");
        };
    String by =
        to == ChangeTicket.Status.IN_PROGRESS
            ? null
            : lastCompletedBy(execution.getProcessInstanceId());
    String number = v.text(REQUEST_NUMBER);
    if (to == ChangeTicket.Status.SCHEDULED
        && tickets
            .findByRequestNumber(number)
            .map(ticket -> ticket.status() == ChangeTicket.Status.SCHEDULED)
            .orElse(false)) {
      // the window never opened: the freeze, not a person, took it back
      tickets.note(number, null, note);
      return;
    }
    tickets.move(number, to, by, note);
  }

  /** Who completed the request's latest task, {@code null} when nobody signed in did. */
  private String lastCompletedBy(String processInstanceId) {
    return historyService
        .createUserOperationLogQuery()
        .processInstanceId(processInstanceId)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
        .orderByTimestamp()
        .desc()
        .listPage(0, 1)
        .stream()
        .map(UserOperationLogEntry::getUserId)
        .findFirst()
        .orElse(null);
  }
}
