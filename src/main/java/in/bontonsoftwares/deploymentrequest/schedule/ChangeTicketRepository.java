package in.bontonsoftwares.deploymentrequest.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The change register in the app's database, beside the engine's tables and in the same transactions. */
@Repository
class ChangeTicketRepository {

  private static final String COLUMNS = "ticket_number, request_number, process_instance_id, project_name, "
      + "application_name, version, environment, window_start, window_end, rollback_plan, status, created_by, "
      + "created_at, updated_at";

  private final JdbcTemplate jdbc;

  ChangeTicketRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(ChangeTicket ticket) {
    jdbc.update("insert into change_ticket (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ticket.ticketNumber(), ticket.requestNumber(), ticket.processInstanceId(), ticket.projectName(),
        ticket.applicationName(), ticket.version(), ticket.environment(), Timestamp.from(ticket.windowStart()),
        Timestamp.from(ticket.windowEnd()), ticket.rollbackPlan(), ticket.status().name(), ticket.createdBy(),
        Timestamp.from(ticket.createdAt()), Timestamp.from(ticket.updatedAt()));
  }

  Optional<ChangeTicket> findByTicketNumber(String ticketNumber) {
    return jdbc.query("select " + COLUMNS + " from change_ticket where ticket_number = ?", ChangeTicketRepository::map,
        ticketNumber).stream().findFirst();
  }

  Optional<ChangeTicket> findByRequestNumber(String requestNumber) {
    return jdbc.query("select " + COLUMNS + " from change_ticket where request_number = ?",
        ChangeTicketRepository::map, requestNumber).stream().findFirst();
  }

  List<ChangeTicket> find(String projectName, String environment, ChangeTicket.Status status) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from change_ticket where 1 = 1");
    List<Object> arguments = new ArrayList<>();
    if (projectName != null) {
      sql.append(" and project_name = ?");
      arguments.add(projectName);
    }
    if (environment != null) {
      sql.append(" and environment = ?");
      arguments.add(environment);
    }
    if (status != null) {
      sql.append(" and status = ?");
      arguments.add(status.name());
    }
    sql.append(" order by created_at desc, ticket_number desc");
    return jdbc.query(sql.toString(), ChangeTicketRepository::map, arguments.toArray());
  }

  private static ChangeTicket map(ResultSet rs, int row) throws SQLException {
    return new ChangeTicket(rs.getString("ticket_number"), rs.getString("request_number"),
        rs.getString("process_instance_id"), rs.getString("project_name"), rs.getString("application_name"),
        rs.getString("version"), rs.getString("environment"), rs.getTimestamp("window_start").toInstant(),
        rs.getTimestamp("window_end").toInstant(), rs.getString("rollback_plan"),
        ChangeTicket.Status.valueOf(rs.getString("status")), rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
  }
}
