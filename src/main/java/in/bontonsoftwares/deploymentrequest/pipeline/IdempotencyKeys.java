package in.bontonsoftwares.deploymentrequest.pipeline;

import in.bontonsoftwares.deploymentrequest.database.SqlInstant;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code Idempotency-Key}s of {@code POST /api/deployment-requests}, per user, in table {@code
 * idempotency_key}: the key, a SHA-256 of the body it came with and the request it started. The row
 * is inserted in the transaction that starts the request, so its primary key lets exactly one of
 * two simultaneous calls with one key start a request.
 */
@Component
class IdempotencyKeys {

  /** Visible ASCII, as in the IETF draft's examples (UUIDs, run ids). */
  static final Pattern FORMAT = Pattern.compile("[\\x21-\\x7e]{1,100}");

  private final JdbcTemplate jdbc;

  IdempotencyKeys(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Entry(String bodySha256, String requestNumber) {}

  Optional<Entry> find(String user, String key) {
    List<Entry> entries =
        jdbc.query(
            "select body_sha256, request_number from idempotency_key"
                + " where user_id = ? and idempotency_key = ?",
            (rs, n) -> new Entry(rs.getString("body_sha256"), rs.getString("request_number")),
            user,
            key);
    return entries.stream().findFirst();
  }

  /**
   * Inserts the key in the current transaction.
   *
   * @throws org.springframework.dao.DuplicateKeyException when another call holds the key
   */
  void insert(String user, String key, String bodySha256, String requestNumber, Instant now) {
    jdbc.update(
        "insert into idempotency_key (user_id, idempotency_key, body_sha256, request_number,"
            + " created_at) values (?, ?, ?, ?, ?)",
        user,
        key,
        bodySha256,
        requestNumber,
        SqlInstant.of(now));
  }

  /** Writes the number of the request the key started, in the transaction that started it. */
  void complete(String user, String key, String requestNumber) {
    jdbc.update(
        "update idempotency_key set request_number = ? where user_id = ? and idempotency_key = ?",
        requestNumber,
        user,
        key);
  }
}
