package in.bontonsoftwares.deploymentrequest.freeze;

import in.bontonsoftwares.deploymentrequest.database.Filter;
import in.bontonsoftwares.deploymentrequest.database.Page;
import in.bontonsoftwares.deploymentrequest.database.SqlInstant;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The table {@code freeze_period}; lists are kept as comma-separated text. */
@Repository
class FreezeRepository {

  private static final String COLUMNS =
      "name, reason, environments, projects, mode, starts_at, ends_at, recurrence_rule, time_zone,"
          + " local_start, duration, exception_dates, created_by, created_at, updated_by, updated_at";

  private final JdbcTemplate jdbc;

  FreezeRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  long insert(Freeze freeze) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        connection -> {
          PreparedStatement insert =
              connection.prepareStatement(
                  "insert into freeze_period ("
                      + COLUMNS
                      + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  new String[] {"id"});
          Object[] values = values(freeze);
          for (int i = 0; i < values.length; i++) {
            insert.setObject(i + 1, values[i]);
          }
          return insert;
        },
        key);
    return key.getKey().longValue();
  }

  boolean update(Freeze freeze) {
    Object[] values = values(freeze);
    Object[] arguments = Arrays.copyOf(values, values.length + 1);
    arguments[values.length] = freeze.id();
    return jdbc.update(
            "update freeze_period set "
                + String.join(" = ?, ", COLUMNS.split(",\\s*"))
                + " = ? where id = ?",
            arguments)
        == 1;
  }

  boolean delete(long id) {
    return jdbc.update("delete from freeze_period where id = ?", id) == 1;
  }

  Optional<Freeze> find(long id) {
    return jdbc
        .query(
            "select id, " + COLUMNS + " from freeze_period where id = ?", FreezeRepository::map, id)
        .stream()
        .findFirst();
  }

  Optional<Freeze> findByName(String name) {
    return jdbc
        .query(
            "select id, " + COLUMNS + " from freeze_period where name = ?",
            FreezeRepository::map,
            name)
        .stream()
        .findFirst();
  }

  /**
   * Every freeze of an environment (all when {@code null}): few, read whole for a conflict check.
   */
  List<Freeze> all(String environment) {
    Filter filter = filter(environment);
    return jdbc.query(
        "select id, " + COLUMNS + " from freeze_period" + filter.where() + " order by id",
        FreezeRepository::map,
        filter.arguments().toArray());
  }

  /** One page, the latest declared first. */
  List<Freeze> find(String environment, Page page) {
    Filter filter = filter(environment);
    String sql =
        "select id, "
            + COLUMNS
            + " from freeze_period"
            + filter.where()
            + " order by created_at desc, id desc"
            + page.sql(filter.arguments());
    return jdbc.query(sql, FreezeRepository::map, filter.arguments().toArray());
  }

  long count(String environment) {
    Filter filter = filter(environment);
    return jdbc.queryForObject(
        "select count(*) from freeze_period" + filter.where(),
        Long.class,
        filter.arguments().toArray());
  }

  private static Filter filter(String environment) {
    return new Filter()
        .and(
            "(',' || environments || ',') like ?",
            environment == null ? null : "%," + environment + ",%");
  }

  private static Object[] values(Freeze freeze) {
    return new Object[] {
      freeze.name(),
      freeze.reason(),
      String.join(",", freeze.environments()),
      freeze.projects().isEmpty() ? null : String.join(",", freeze.projects()),
      freeze.mode().name(),
      SqlInstant.of(freeze.startsAt()),
      SqlInstant.of(freeze.endsAt()),
      freeze.recurrenceRule(),
      freeze.timeZone() == null ? null : freeze.timeZone().getId(),
      freeze.localStart() == null ? null : freeze.localStart().toString(),
      freeze.duration() == null ? null : freeze.duration().toString(),
      freeze.exceptionDates().isEmpty()
          ? null
          : String.join(",", freeze.exceptionDates().stream().map(LocalDate::toString).toList()),
      freeze.createdBy(),
      SqlInstant.of(freeze.createdAt()),
      freeze.updatedBy(),
      SqlInstant.of(freeze.updatedAt())
    };
  }

  private static Freeze map(ResultSet rs, int row) throws SQLException {
    String zone = rs.getString("time_zone");
    String localStart = rs.getString("local_start");
    String duration = rs.getString("duration");
    return new Freeze(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("reason"),
        list(rs.getString("environments")),
        list(rs.getString("projects")),
        Freeze.Mode.valueOf(rs.getString("mode")),
        SqlInstant.read(rs, "starts_at"),
        SqlInstant.read(rs, "ends_at"),
        rs.getString("recurrence_rule"),
        zone == null ? null : ZoneId.of(zone),
        localStart == null ? null : LocalDateTime.parse(localStart),
        duration == null ? null : Duration.parse(duration),
        list(rs.getString("exception_dates")).stream().map(LocalDate::parse).toList(),
        rs.getString("created_by"),
        SqlInstant.read(rs, "created_at"),
        rs.getString("updated_by"),
        SqlInstant.read(rs, "updated_at"));
  }

  private static List<String> list(String text) {
    return text == null || text.isEmpty() ? List.of() : List.of(text.split(","));
  }
}
