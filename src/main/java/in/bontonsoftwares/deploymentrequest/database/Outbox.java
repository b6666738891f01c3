package in.bontonsoftwares.deploymentrequest.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The delivery bookkeeping that an outbox table shares (chat messages, the answers to GitHub's and
 * GitLab's held deployments): the columns {@code state}, {@code attempts}, {@code sent_at}, {@code
 * last_error} and {@code next_attempt_at}; a row is due in {@code pending}, ends in {@code sent}
 * or, after its last attempt, in {@code failed}, from which an admin may send it again. The retries
 * wait {@link #backoff(Duration, Duration, int) twice as long} each time.
 */
public final class Outbox {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final String table;
  private final String pending;
  private final String sent;
  private final String failed;

  /** {@code table} and the states are the caller's constants, never a person's input. */
  public Outbox(
      JdbcTemplate jdbc, Clock clock, String table, String pending, String sent, String failed) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.table = table;
    this.pending = pending;
    this.sent = sent;
    this.failed = failed;
  }

  /** Delivered: one more attempt, the time it was sent, no error left. */
  public void sent(long id) {
    jdbc.update(
        "update "
            + table
            + " set state = ?, attempts = attempts + 1, sent_at = ?, last_error = null where id = ?",
        sent,
        SqlInstant.of(clock.instant()),
        id);
  }

  /**
   * A failed attempt: tried again at {@code next}, or failed for good when {@code next} is empty.
   */
  public void attemptFailed(long id, String error, Optional<Instant> next) {
    jdbc.update(
        "update "
            + table
            + " set state = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
            + " where id = ?",
        next.isPresent() ? pending : failed,
        error.length() > 1000 ? error.substring(0, 1000) : error,
        SqlInstant.of(next.orElse(clock.instant())),
        id);
  }

  /** A failed row due again now, its attempts counted afresh; false when it had not failed. */
  public boolean retry(long id) {
    return jdbc.update(
            "update "
                + table
                + " set state = ?, attempts = 0, next_attempt_at = ? where id = ? and state = ?",
            pending,
            SqlInstant.of(clock.instant()),
            id,
            failed)
        == 1;
  }

  /** {@code first} after the first failure, twice as long after each one, at most {@code max}. */
  public static Duration backoff(Duration first, Duration max, int failedAttempts) {
    Duration wait = first;
    for (int i = 1; i < failedAttempts && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
