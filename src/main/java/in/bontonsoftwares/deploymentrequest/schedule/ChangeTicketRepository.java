package in.bontonsoftwares.deploymentrequest.schedule;

import in.bontonsoftwares.deploymentrequest.database.Filter;
import in.bontonsoftwares.deploymentrequest.database.Page;
import in.bontonsoftwares.deploymentrequest.database.SqlInstant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The change register in the app's database, beside the engine's tables and in the same
 * transactions.
 */
@Repository
class ChangeTicketRepository {

  private static final String COLUMNS =
      "ticket_number, request_number, process_instance_id, project_name, "
          + "application_name, version, environment, window_start, window_end, rollback_plan, status, created_by, "
          + "created_at, updated_at, started_at, finished_at";
  private static final String EVENT_COLUMNS =
      "ticket_number, from_status, to_status, occurred_at, acted_by, note";

  private final JdbcTemplate jdbc;

  ChangeTicketRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(ChangeTicket ticket) {
    jdbc.update(
        "insert into change_ticket ("
            + COLUMNS
            + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ticket.ticketNumber(),
        ticket.requestNumber(),
        ticket.processInstanceId(),
        ticket.projectName(),
        ticket.applicationName(),
        ticket.version(),
        ticket.environment(),
        SqlInstant.of(ticket.windowStart()),
        SqlInstant.of(ticket.windowEnd()),
        ticket.rollbackPlan(),
        ticket.status().name(),
        ticket.createdBy(),
        SqlInstant.of(ticket.createdAt()),
        SqlInstant.of(ticket.updatedAt()),
        SqlInstant.of(ticket.startedAt()),
        SqlInstant.of(ticket.finishedAt()));
  }

  /**
   * Moves the ticket only if it is still in {@code from}, so that of two attempts at the same move
   * one wins and the other changes nothing; returns whether this one moved it.
   */
  boolean moveStatus(
      String ticketNumber,
      ChangeTicket.Status from,
      ChangeTicket.Status to,
      Instant at,
      Instant startedAt,
      Instant finishedAt) {
    return jdbc.update(
            "update change_ticket set status = ?, updated_at = ?, started_at = ?, finished_at = ? "
                + "where ticket_number = ? and status = ?",
            to.name(),
            SqlInstant.of(at),
            SqlInstant.of(startedAt),
            SqlInstant.of(finishedAt),
            ticketNumber,
            from.name())
        == 1;
  }

  /** Sets a new window on a ticket that is (still) scheduled; returns whether it changed. */
  boolean moveWindow(String ticketNumber, Instant start, Instant end, Instant at) {
    return jdbc.update(
            "update change_ticket set window_start = ?, window_end = ?, updated_at = ? "
                + "where ticket_number = ? and status = ? and (window_start <> ? or window_end <> ?)",
            SqlInstant.of(start),
            SqlInstant.of(end),
            SqlInstant.of(at),
            ticketNumber,
            ChangeTicket.Status.SCHEDULED.name(),
            SqlInstant.of(start),
            SqlInstant.of(end))
        == 1;
  }

  void insertEvent(ChangeTicketEvent event) {
    jdbc.update(
        "insert into change_ticket_event (" + EVENT_COLUMNS + ") values (?, ?, ?, ?, ?, ?)",
        event.ticketNumber(),
        event.from() == null ? null : event.from().name(),
        event.to().name(),
        SqlInstant.of(event.at()),
        event.by(),
        event.note());
  }

  List<ChangeTicketEvent> events(String ticketNumber) {
    return jdbc.query(
        "select " + EVENT_COLUMNS + " from change_ticket_event where ticket_number = ? order by id",
        ChangeTicketRepository::mapEvent,
        ticketNumber);
  }

  Optional<ChangeTicket> findByTicketNumber(String ticketNumber) {
    return jdbc
        .query(
            "select " + COLUMNS + " from change_ticket where ticket_number = ?",
            ChangeTicketRepository::map,
            ticketNumber)
        .stream()
        .findFirst();
  }

  Optional<ChangeTicket> findByRequestNumber(String requestNumber) {
    return jdbc
        .query(
            "select " + COLUMNS + " from change_ticket where request_number = ?",
            ChangeTicketRepository::map,
            requestNumber)
        .stream()
        .findFirst();
  }

  /** One page of the tickets matching every criterion given, newest first. */
  List<ChangeTicket> find(Criteria criteria, Page page) {
    Filter filter = criteria.filter();
    String sql =
        "select "
            + COLUMNS
            + " from change_ticket"
            + filter.where()
            + " order by created_at desc, ticket_number desc"
            + page.sql(filter.arguments());
    return jdbc.query(sql, ChangeTicketRepository::map, filter.arguments().toArray());
  }

  /**
   * The open tickets ({@code SCHEDULED}, {@code IN_PROGRESS}) whose window overlaps {@code [from,
   * to)}, of one environment and application when given ({@code null} = any), by window start.
   */
  List<ChangeTicket> openOverlapping(
      Instant from, Instant to, String environment, String applicationName) {
    Filter filter =
        new Filter()
            .and("window_start < ?", to)
            .and("window_end > ?", from)
            .and("environment = ?", environment)
            .and("application_name = ?", applicationName);
    return jdbc.query(
        "select "
            + COLUMNS
            + " from change_ticket"
            + filter.where()
            + " and status in ('SCHEDULED', 'IN_PROGRESS') order by window_start, request_number",
        ChangeTicketRepository::map,
        filter.arguments().toArray());
  }

  long count(Criteria criteria) {
    Filter filter = criteria.filter();
    return jdbc.queryForObject(
        "select count(*) from change_ticket" + filter.where(),
        Long.class,
        filter.arguments().toArray());
  }

  /**
   * The tickets whose window overlaps {@code [from, before)}, earliest window first, at most {@code
   * limit}.
   */
  List<ChangeTicket> overlapping(String environment, Instant from, Instant before, int limit) {
    Filter filter = new Criteria(null, environment, null, null, null, from, before).filter();
    List<Object> arguments = filter.arguments();
    arguments.add(limit);
    return jdbc.query(
        "select "
            + COLUMNS
            + " from change_ticket"
            + filter.where()
            + " order by window_start, ticket_number limit ?",
        ChangeTicketRepository::map,
        arguments.toArray());
  }

  /**
   * What a list of tickets is filtered by, each criterion {@code null} for any: created in {@code
   * [createdFrom, createdBefore)}, a window that overlaps {@code [windowFrom, windowBefore)}.
   */
  record Criteria(
      String projectName,
      String environment,
      ChangeTicket.Status status,
      Instant createdFrom,
      Instant createdBefore,
      Instant windowFrom,
      Instant windowBefore) {

    private Filter filter() {
      return new Filter()
          .and("project_name = ?", projectName)
          .and("environment = ?", environment)
          .and("status = ?", status == null ? null : status.name())
          .and("created_at >= ?", createdFrom)
          .and("created_at < ?", createdBefore)
          // overlapping: it ends after the range starts and starts before the range ends
          .and("window_end > ?", windowFrom)
          .and("window_start < ?", windowBefore);
    }
  }

  private static ChangeTicket map(ResultSet rs, int row) throws SQLException {
    return new ChangeTicket(
        rs.getString("ticket_number"),
        rs.getString("request_number"),
        rs.getString("process_instance_id"),
        rs.getString("project_name"),
        rs.getString("application_name"),
        rs.getString("version"),
        rs.getString("environment"),
        SqlInstant.read(rs, "window_start"),
        SqlInstant.read(rs, "window_end"),
        rs.getString("rollback_plan"),
        ChangeTicket.Status.valueOf(rs.getString("status")),
        rs.getString("created_by"),
        SqlInstant.read(rs, "created_at"),
        SqlInstant.read(rs, "updated_at"),
        SqlInstant.read(rs, "started_at"),
        SqlInstant.read(rs, "finished_at"));
  }

  private static ChangeTicketEvent mapEvent(ResultSet rs, int row) throws SQLException {
    String from = rs.getString("from_status");
    return new ChangeTicketEvent(
        rs.getString("ticket_number"),
        from == null ? null : ChangeTicket.Status.valueOf(from),
        ChangeTicket.Status.valueOf(rs.getString("to_status")),
        SqlInstant.read(rs, "occurred_at"),
        rs.getString("acted_by"),
        rs.getString("note"));
  }
}
