package in.bontonsoftwares.deploymentrequest.limits;

import in.bontonsoftwares.deploymentrequest.database.Filter;
import in.bontonsoftwares.deploymentrequest.database.Page;
import in.bontonsoftwares.deploymentrequest.database.SqlInstant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Who hit which limit: each refusal counts at once in the metric {@code deployment.limits.hits}
 * (tag {@code limit}) and is written to the table {@code limit_hit}, one row per episode (refusals
 * of one subject by one limit that follow each other within {@code episode}). Rows are written by a
 * thread of their own: a refusal inside a start's transaction must survive its rollback, and a
 * refused caller must not wait for, or hold, a second database connection; under a flood the queue
 * fills and further rows are dropped, the metric still counts them.
 */
@Service
public class LimitHits implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(LimitHits.class);
  private static final int QUEUE = 1_000;
  private static final int SUBJECT_LENGTH = 255;
  private static final String COLUMNS = "limit_name, subject, first_at, last_at, refused";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Map<Limit, Counter> counters = new EnumMap<>(Limit.class);
  private final ThreadPoolExecutor writer;

  LimitHits(JdbcTemplate jdbc, Clock clock, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.clock = clock;
    for (Limit limit : Limit.values()) {
      counters.put(
          limit,
          Counter.builder("deployment.limits.hits")
              .description("Attempts refused by a limit")
              .tag("limit", limit.id())
              .register(registry));
    }
    this.writer =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            task -> {
              Thread thread = new Thread(task, "limit-hits");
              thread.setDaemon(true);
              return thread;
            },
            (task, executor) ->
                LOG.warn(
                    "A limit hit could not be queued (queue full or shutting down): only counted"));
  }

  /** Counts a refusal of {@code subject} by {@code limit} now and records it soon after. */
  public void record(Limit limit, String subject, Duration episode) {
    counters.get(limit).increment();
    Instant at = clock.instant();
    String shortSubject =
        subject.length() > SUBJECT_LENGTH ? subject.substring(0, SUBJECT_LENGTH) : subject;
    writer.execute(() -> write(limit, shortSubject, at, episode));
  }

  private void write(Limit limit, String subject, Instant at, Duration episode) {
    try {
      int updated =
          jdbc.update(
              "update limit_hit set last_at = ?, refused = refused + 1 where id = (select max(id) "
                  + "from limit_hit where limit_name = ? and subject = ? and last_at >= ?)",
              SqlInstant.of(at),
              limit.id(),
              subject,
              SqlInstant.of(at.minus(episode)));
      if (updated == 0) {
        jdbc.update(
            "insert into limit_hit (" + COLUMNS + ") values (?, ?, ?, ?, 1)",
            limit.id(),
            subject,
            SqlInstant.of(at),
            SqlInstant.of(at));
      }
    } catch (DataAccessException e) {
      LOG.warn("Could not record that {} hit the limit {}", subject, limit.id(), e);
    }
  }

  /** One page of the hits matching the filters (null: any), the latest first. */
  public List<LimitHit> find(String limit, String subject, Page page) {
    Filter filter = filter(limit, subject);
    return jdbc.query(
        "select "
            + COLUMNS
            + " from limit_hit"
            + filter.where()
            + " order by last_at desc, id desc"
            + page.sql(filter.arguments()),
        LimitHits::map,
        filter.arguments().toArray());
  }

  public long count(String limit, String subject) {
    Filter filter = filter(limit, subject);
    return jdbc.queryForObject(
        "select count(*) from limit_hit" + filter.where(),
        Long.class,
        filter.arguments().toArray());
  }

  private static Filter filter(String limit, String subject) {
    return new Filter().and("limit_name = ?", limit).and("subject = ?", subject);
  }

  private static LimitHit map(ResultSet rs, int row) throws SQLException {
    return new LimitHit(
        rs.getString("limit_name"),
        rs.getString("subject"),
        SqlInstant.read(rs, "first_at"),
        SqlInstant.read(rs, "last_at"),
        rs.getInt("refused"));
  }

  /** Rows still queued are written before the database goes away. */
  @Override
  public void destroy() throws InterruptedException {
    writer.shutdown();
    if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
      LOG.warn("{} limit hits were not recorded before shutdown", writer.getQueue().size());
    }
  }
}
