package in.bontonsoftwares.deploymentrequest.schedule;

import in.bontonsoftwares.deploymentrequest.freeze.Bookings;
import in.bontonsoftwares.deploymentrequest.identity.CurrentUser;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Component;

/**
 * The change register's open tickets ({@code SCHEDULED}, {@code IN_PROGRESS}) as the windows they
 * hold, with each request's on-call contact read from its process as the engine (a conflict names
 * the other request, whoever asks).
 */
@Component
class TicketBookings implements Bookings {

  private final ChangeTicketRepository repository;
  private final RuntimeService runtimeService;
  private final CurrentUser currentUser;

  TicketBookings(
      ChangeTicketRepository repository, RuntimeService runtimeService, CurrentUser currentUser) {
    this.repository = repository;
    this.runtimeService = runtimeService;
    this.currentUser = currentUser;
  }

  @Override
  public List<Booking> overlapping(Instant from, Instant to) {
    List<ChangeTicket> tickets = repository.openOverlapping(from, to, null, null);
    Map<String, Map<String, String>> onCall = onCall(tickets);
    return tickets.stream()
        .map(
            ticket -> {
              Map<String, String> contact =
                  onCall.getOrDefault(ticket.processInstanceId(), Map.of());
              return booking(ticket)
                  .withOnCall(contact.get(Var.ON_CALL_NAME), contact.get(Var.ON_CALL_EMAIL));
            })
        .toList();
  }

  @Override
  public List<Booking> ofApplication(
      String environment, String application, Instant from, Instant to) {
    return repository.openOverlapping(from, to, environment, application).stream()
        .map(TicketBookings::booking)
        .toList();
  }

  private static Booking booking(ChangeTicket ticket) {
    return new Booking(
        ticket.requestNumber(),
        ticket.processInstanceId(),
        ticket.environment(),
        ticket.projectName(),
        ticket.applicationName(),
        ticket.windowStart(),
        ticket.windowEnd(),
        ticket.status().name(),
        null,
        null);
  }

  private Map<String, Map<String, String>> onCall(List<ChangeTicket> tickets) {
    Map<String, Map<String, String>> contacts = new HashMap<>();
    if (tickets.isEmpty()) {
      return contacts;
    }
    List<VariableInstance> variables =
        currentUser.asEngine(
            () ->
                runtimeService
                    .createVariableInstanceQuery()
                    .processInstanceIdIn(
                        tickets.stream()
                            .map(ChangeTicket::processInstanceId)
                            .toArray(String[]::new))
                    .variableNameIn(Var.ON_CALL_NAME, Var.ON_CALL_EMAIL)
                    .list());
    for (VariableInstance variable : variables) {
      if (variable.getValue() instanceof String value && !value.isBlank()) {
        contacts
            .computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
            .put(variable.getName(), value.trim());
      }
    }
    return contacts;
  }
}
