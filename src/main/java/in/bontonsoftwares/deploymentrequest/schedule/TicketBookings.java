package in.bontonsoftwares.deploymentrequest.schedule;

import in.bontonsoftwares.deploymentrequest.database.SqlInstant;
import in.bontonsoftwares.deploymentrequest.freeze.Bookings;
import in.bontonsoftwares.deploymentrequest.identity.CurrentUser;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The change register's open tickets ({@code SCHEDULED}, {@code IN_PROGRESS}) as the windows they
 * hold, with each request's on-call contact read from its process as the engine (a conflict names
 * the other request, whoever asks).
 */
@Component
class TicketBookings implements Bookings {

  private final JdbcTemplate jdbc;
  private final RuntimeService runtimeService;
  private final CurrentUser currentUser;

  TicketBookings(JdbcTemplate jdbc, RuntimeService runtimeService, CurrentUser currentUser) {
    this.jdbc = jdbc;
    this.runtimeService = runtimeService;
    this.currentUser = currentUser;
  }

  @Override
  public List<Booking> overlapping(Instant from, Instant to) {
    List<Booking> tickets = tickets("", List.of(), from, to);
    Map<String, Map<String, String>> onCall = onCall(tickets);
    return tickets.stream()
        .map(
            booking -> {
              Map<String, String> contact =
                  onCall.getOrDefault(booking.processInstanceId(), Map.of());
              return booking.withOnCall(
                  contact.get(Var.ON_CALL_NAME), contact.get(Var.ON_CALL_EMAIL));
            })
        .toList();
  }

  @Override
  public List<Booking> ofApplication(
      String environment, String application, Instant from, Instant to) {
    return tickets(
        " and environment = ? and application_name = ?",
        List.of(environment, application),
        from,
        to);
  }

  /** The open tickets overlapping {@code [from, to)} that also match {@code and}. */
  private List<Booking> tickets(String and, List<Object> values, Instant from, Instant to) {
    List<Object> arguments = new ArrayList<>();
    arguments.add(ChangeTicket.Status.SCHEDULED.name());
    arguments.add(ChangeTicket.Status.IN_PROGRESS.name());
    arguments.add(SqlInstant.of(to));
    arguments.add(SqlInstant.of(from));
    arguments.addAll(values);
    return jdbc.query(
        "select request_number, process_instance_id, environment, project_name, application_name,"
            + " window_start, window_end, status from change_ticket"
            + " where status in (?, ?) and window_start < ? and window_end > ?"
            + and
            + " order by window_start, request_number",
        (rs, row) ->
            new Booking(
                rs.getString("request_number"),
                rs.getString("process_instance_id"),
                rs.getString("environment"),
                rs.getString("project_name"),
                rs.getString("application_name"),
                SqlInstant.read(rs, "window_start"),
                SqlInstant.read(rs, "window_end"),
                rs.getString("status"),
                null,
                null),
        arguments.toArray());
  }

  private Map<String, Map<String, String>> onCall(List<Booking> tickets) {
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
                        tickets.stream().map(Booking::processInstanceId).toArray(String[]::new))
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
