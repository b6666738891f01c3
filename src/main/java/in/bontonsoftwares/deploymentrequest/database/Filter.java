package in.bontonsoftwares.deploymentrequest.database;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The where clause of a list query whose criteria are all optional: each criterion that is given
 * ({@code null}: any) adds {@code and <condition>} with its value as the argument; instants become
 * {@link SqlInstant}s.
 */
public final class Filter {

  private final StringBuilder where = new StringBuilder(" where 1 = 1");
  private final List<Object> arguments = new ArrayList<>();

  /** {@code condition} with one {@code ?} for {@code value}, e.g. {@code "created_at >= ?"}. */
  public Filter and(String condition, Object value) {
    if (value != null) {
      where.append(" and ").append(condition);
      arguments.add(value instanceof Instant instant ? SqlInstant.of(instant) : value);
    }
    return this;
  }

  public String where() {
    return where.toString();
  }

  /** The arguments so far; a query may add its own after them (a page's limit and offset). */
  public List<Object> arguments() {
    return arguments;
  }
}
