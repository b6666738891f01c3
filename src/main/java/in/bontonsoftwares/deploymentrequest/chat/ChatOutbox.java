package in.bontonsoftwares.deploymentrequest.chat;

import in.bontonsoftwares.deploymentrequest.database.Outbox;
import in.bontonsoftwares.deploymentrequest.database.SqlInstant;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The table of chat messages ({@code chat_message}): one row per event and destination, its state
 * and attempts; and the Slack threads of requests ({@code chat_thread}).
 */
@Repository
class ChatOutbox {

  static final String PENDING = "PENDING";
  static final String SENDING = "SENDING";
  static final String SENT = "SENT";
  static final String FAILED = "FAILED";

  private static final RowMapper<Row> ROW =
      (rs, i) ->
          new Row(
              rs.getLong("id"),
              rs.getString("message_key"),
              rs.getString("destination"),
              rs.getString("request_number"),
              rs.getString("chat_event"),
              rs.getString("target"),
              rs.getString("channel"),
              rs.getString("payload"),
              rs.getString("state"),
              rs.getInt("attempts"),
              SqlInstant.read(rs, "next_attempt_at"),
              rs.getString("last_error"),
              SqlInstant.read(rs, "created_at"),
              SqlInstant.read(rs, "sent_at"));

  private final JdbcTemplate jdbc;
  private final Clock clock;

  private final Outbox rows;

  ChatOutbox(JdbcTemplate jdbc, Clock clock) {
    this.rows = new Outbox(jdbc, clock, "chat_message", PENDING, SENT, FAILED);
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** One message of a request. */
  record Row(
      long id,
      String key,
      String destination,
      String requestNumber,
      String event,
      String target,
      String channel,
      String payload,
      String state,
      int attempts,
      Instant nextAttemptAt,
      String lastError,
      Instant createdAt,
      Instant sentAt) {}

  /**
   * Adds the message unless this key went to this destination before: in the caller's transaction,
   * so that it stands or falls with the step that made the event happen.
   */
  boolean add(
      String key,
      String destination,
      String requestNumber,
      String event,
      String target,
      String channel,
      String payload) {
    Integer earlier =
        jdbc.queryForObject(
            "select count(*) from chat_message where message_key = ? and destination = ?",
            Integer.class,
            key,
            destination);
    if (earlier != null && earlier > 0) {
      return false;
    }
    Instant now = clock.instant();
    jdbc.update(
        "insert into chat_message (message_key, destination, request_number, chat_event, target, channel,"
            + " payload, state, attempts, next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
        key,
        destination,
        requestNumber,
        event,
        target,
        channel,
        payload,
        PENDING,
        SqlInstant.of(now),
        SqlInstant.of(now));
    return true;
  }

  /**
   * The oldest 500 messages not yet sent nor failed, including those claimed by a delivery that
   * never finished (see {@link #claim}); a round sends what it can of them, the next round the
   * rest.
   */
  List<Row> open() {
    return jdbc.query(
        "select * from chat_message where state in (?, ?) order by id fetch first 500 rows only",
        ROW,
        PENDING,
        SENDING);
  }

  /** Claims a due message for one delivery; false when another got it first. */
  boolean claim(Row row, Instant staleBefore) {
    Instant now = clock.instant();
    if (PENDING.equals(row.state())) {
      return jdbc.update(
              "update chat_message set state = ?, next_attempt_at = ? where id = ? and state = ?"
                  + " and next_attempt_at <= ?",
              SENDING,
              SqlInstant.of(now),
              row.id(),
              PENDING,
              SqlInstant.of(now))
          == 1;
    }
    return jdbc.update(
            "update chat_message set next_attempt_at = ? where id = ? and state = ? and next_attempt_at < ?",
            SqlInstant.of(now),
            row.id(),
            SENDING,
            SqlInstant.of(staleBefore))
        == 1;
  }

  void sent(long id) {
    rows.sent(id);
  }

  /** A failed attempt: tried again at {@code next}, or FAILED when {@code next} is empty. */
  void attemptFailed(long id, String error, Optional<Instant> next) {
    rows.attemptFailed(id, error, next);
  }

  /** A FAILED message back to PENDING, due now, its attempts counted afresh. */
  boolean retry(long id) {
    return rows.retry(id);
  }

  List<Row> find(String state, String requestNumber, int max) {
    StringBuilder sql = new StringBuilder("select * from chat_message where 1 = 1");
    List<Object> args = new java.util.ArrayList<>();
    if (state != null) {
      sql.append(" and state = ?");
      args.add(state);
    }
    if (requestNumber != null) {
      sql.append(" and request_number = ?");
      args.add(requestNumber);
    }
    sql.append(" order by id desc");
    return jdbc.query(sql.toString(), ROW, args.toArray()).stream().limit(max).toList();
  }

  long count(String state) {
    Long count =
        jdbc.queryForObject("select count(*) from chat_message where state = ?", Long.class, state);
    return count == null ? 0 : count;
  }

  /** A request's Slack thread in one destination: the channel id and the first message's ts. */
  record Thread(String channelId, String ts) {}

  Optional<Thread> thread(String requestNumber, String destination) {
    return jdbc
        .query(
            "select channel_id, thread_ts from chat_thread where request_number = ? and destination = ?",
            (rs, i) -> new Thread(rs.getString("channel_id"), rs.getString("thread_ts")),
            requestNumber,
            destination)
        .stream()
        .findFirst();
  }

  void startThread(String requestNumber, String destination, Thread thread) {
    if (thread(requestNumber, destination).isEmpty()) {
      jdbc.update(
          "insert into chat_thread (request_number, destination, channel_id, thread_ts) values (?, ?, ?, ?)",
          requestNumber,
          destination,
          thread.channelId(),
          thread.ts());
    }
  }
}
