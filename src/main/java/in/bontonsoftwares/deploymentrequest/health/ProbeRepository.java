package in.bontonsoftwares.deploymentrequest.health;

import in.bontonsoftwares.deploymentrequest.database.SqlInstant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The table {@code health_probe}. */
@Repository
class ProbeRepository {

  private static final String COLUMNS =
      "request_number, check_name, phase, attempt, probed_at, probe_value, verdict, message";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate savepoint;

  ProbeRepository(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * Stores the result unless its attempt is stored already (by a round that ran at the same time):
   * then answers false. The insert runs behind a savepoint, so a duplicate key undoes only the
   * insert, not the round's transaction (PostgreSQL aborts a transaction at its first error).
   */
  boolean insertOnce(ProbeResult result, String environment) {
    try {
      savepoint.executeWithoutResult(status -> insert(result, environment));
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** Stores the result; a duplicate key fails (tests store probes of their own). */
  void insert(ProbeResult result, String environment) {
    jdbc.update(
        "insert into health_probe ("
            + COLUMNS
            + ", environment) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        result.requestNumber(),
        result.check(),
        result.phase().name(),
        result.attempt(),
        SqlInstant.of(result.probedAt()),
        cut(result.value(), 200),
        result.verdict().name(),
        cut(result.message(), 1000),
        environment);
  }

  /** Every result of the request, in the order they were taken. */
  List<ProbeResult> results(String requestNumber) {
    return jdbc.query(
        "select "
            + COLUMNS
            + " from health_probe where request_number = ? order by probed_at, phase, check_name, attempt",
        ProbeRepository::map,
        requestNumber);
  }

  private static ProbeResult map(ResultSet rs, int row) throws SQLException {
    return new ProbeResult(
        rs.getString("request_number"),
        rs.getString("check_name"),
        Phase.valueOf(rs.getString("phase")),
        rs.getInt("attempt"),
        SqlInstant.read(rs, "probed_at"),
        rs.getString("probe_value"),
        Verdict.valueOf(rs.getString("verdict")),
        rs.getString("message"));
  }

  static String cut(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }
}
