package in.bontonsoftwares.deploymentrequest.health;

import in.bontonsoftwares.deploymentrequest.database.SqlInstant;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The table {@code rollback_webhook_delivery}: one row per idempotency key. */
@Repository
class WebhookDeliveries {

  private final JdbcTemplate jdbc;

  WebhookDeliveries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  boolean delivered(String key) {
    Integer delivered =
        jdbc.queryForObject(
            "select count(*) from rollback_webhook_delivery"
                + " where idempotency_key = ? and delivered_at is not null",
            Integer.class,
            key);
    return delivered != null && delivered > 0;
  }

  /** Notes the key before its first call (a row that exists is kept, with its attempts). */
  void begin(String key, String requestNumber, String environment, String reason, Instant now) {
    Integer rows =
        jdbc.queryForObject(
            "select count(*) from rollback_webhook_delivery where idempotency_key = ?",
            Integer.class,
            key);
    if (rows != null && rows == 0) {
      jdbc.update(
          "insert into rollback_webhook_delivery (idempotency_key, request_number, environment,"
              + " reason, attempts, first_tried_at) values (?, ?, ?, ?, 0, ?)",
          key,
          requestNumber,
          environment,
          ProbeRepository.cut(reason, 1000),
          SqlInstant.of(now));
    }
  }

  void attempted(String key, Integer status, String error, Instant deliveredAt) {
    jdbc.update(
        "update rollback_webhook_delivery set attempts = attempts + 1, last_status = ?,"
            + " last_error = ?, delivered_at = ? where idempotency_key = ?",
        status,
        error == null ? null : ProbeRepository.cut(error, 1000),
        SqlInstant.of(deliveredAt),
        key);
  }
}
