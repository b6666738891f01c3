package in.bontonsoftwares.deploymentrequest.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants to and from the app's {@code timestamp with time zone} columns, as {@link
 * OffsetDateTime} in UTC: a {@link java.sql.Timestamp} would pass through the JVM's zone on the
 * way.
 */
public final class SqlInstant {

  private SqlInstant() {}

  /** The argument for a column; {@code null} for {@code null}. */
  public static OffsetDateTime of(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** The column's instant; {@code null} for SQL {@code NULL}. */
  public static Instant read(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
