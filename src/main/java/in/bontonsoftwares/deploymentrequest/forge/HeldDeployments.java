package in.bontonsoftwares.deploymentrequest.forge;

import in.bontonsoftwares.deploymentrequest.database.Outbox;
import in.bontonsoftwares.deploymentrequest.database.SqlInstant;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The table {@code forge_deployment}: every deployment GitHub or GitLab holds for our answer. */
@Repository
class HeldDeployments {

  static final String WAITING = "WAITING";
  static final String DECIDED = "DECIDED";
  static final String SENDING = "SENDING";
  static final String DONE = "DONE";
  static final String FAILED = "FAILED";
  static final String GONE = "GONE";

  static final String APPROVED = "approved";
  static final String REJECTED = "rejected";

  private static final RowMapper<Held> ROW =
      (rs, i) ->
          new Held(
              rs.getLong("id"),
              Forge.valueOf(rs.getString("forge")),
              rs.getString("delivery_key"),
              rs.getString("repository"),
              rs.getString("forge_environment"),
              rs.getString("environment"),
              rs.getString("sha"),
              rs.getString("ref"),
              rs.getString("target"),
              rs.getObject("installation_id", Long.class),
              rs.getObject("repository_id", Long.class),
              rs.getObject("job_id", Long.class),
              rs.getString("request_number"),
              rs.getString("process_instance_id"),
              rs.getString("version"),
              rs.getString("digest"),
              rs.getString("state"),
              rs.getString("answer"),
              rs.getString("answer_comment"),
              rs.getString("reported"),
              rs.getInt("reports"),
              rs.getInt("attempts"),
              SqlInstant.read(rs, "next_attempt_at"),
              rs.getString("last_error"),
              SqlInstant.read(rs, "created_at"),
              SqlInstant.read(rs, "sent_at"));

  private final JdbcTemplate jdbc;
  private final Clock clock;

  private final Outbox rows;

  HeldDeployments(JdbcTemplate jdbc, Clock clock) {
    this.rows = new Outbox(jdbc, clock, "forge_deployment", DECIDED, DONE, FAILED);
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Where a deployment waits: GitHub's protection rule or GitLab's approvals. */
  enum Forge {
    GITHUB,
    GITLAB
  }

  /** What the forge told us about a held deployment, before it is matched with a request. */
  record Arrival(
      Forge forge,
      String deliveryKey,
      String repository,
      String forgeEnvironment,
      String sha,
      String ref,
      String target,
      Long installationId,
      Long repositoryId,
      Long jobId) {}

  /**
   * One held deployment. {@code target}: GitHub's callback URL, or GitLab's deployment id; {@code
   * jobId}: GitLab's deployment job.
   */
  record Held(
      long id,
      Forge forge,
      String deliveryKey,
      String repository,
      String forgeEnvironment,
      String environment,
      String sha,
      String ref,
      String target,
      Long installationId,
      Long repositoryId,
      Long jobId,
      String requestNumber,
      String processInstanceId,
      String version,
      String digest,
      String state,
      String answer,
      String comment,
      String reported,
      int reports,
      int attempts,
      Instant nextAttemptAt,
      String lastError,
      Instant createdAt,
      Instant sentAt) {}

  /**
   * Adds a held deployment matched with {@code match}: WAITING for the gate, or DECIDED at once
   * (rejected) when it matched no request. Empty when its key is there already (a delivery sent
   * again, another node's poll).
   */
  Optional<Long> add(Arrival arrival, DeploymentMatcher.Match match) {
    if (exists(arrival.deliveryKey())) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    boolean matched = match.request() != null;
    try {
      jdbc.update(
          "insert into forge_deployment (forge, delivery_key, repository, forge_environment, environment,"
              + " sha, ref, target, installation_id, repository_id, job_id, request_number, process_instance_id,"
              + " version, digest, state, answer, answer_comment, reports, attempts, next_attempt_at,"
              + " created_at, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0,"
              + " ?, ?, ?)",
          arrival.forge().name(),
          arrival.deliveryKey(),
          arrival.repository(),
          arrival.forgeEnvironment(),
          match.environment(),
          arrival.sha(),
          arrival.ref(),
          arrival.target(),
          arrival.installationId(),
          arrival.repositoryId(),
          arrival.jobId(),
          matched ? match.request().number() : null,
          matched ? match.request().processInstanceId() : null,
          match.version(),
          match.digest(),
          matched ? WAITING : DECIDED,
          matched ? null : REJECTED,
          matched ? null : Comments.fit(match.refusal()),
          SqlInstant.of(now),
          SqlInstant.of(now),
          matched ? null : SqlInstant.of(now));
    } catch (DuplicateKeyException raced) {
      return Optional.empty();
    }
    return Optional.of(
        jdbc.queryForObject(
            "select id from forge_deployment where delivery_key = ?",
            Long.class,
            arrival.deliveryKey()));
  }

  boolean exists(String deliveryKey) {
    Integer count =
        jdbc.queryForObject(
            "select count(*) from forge_deployment where delivery_key = ?",
            Integer.class,
            deliveryKey);
    return count != null && count > 0;
  }

  Optional<Held> find(long id) {
    return jdbc.query("select * from forge_deployment where id = ?", ROW, id).stream().findFirst();
  }

  /** The deployments waiting for the gate, oldest first. */
  List<Held> waiting() {
    return jdbc.query(
        "select * from forge_deployment where state = ? order by id fetch first 1000 rows only",
        ROW,
        WAITING);
  }

  /** The deployments waiting for one request's gate. */
  List<Held> waitingFor(String processInstanceId) {
    return jdbc.query(
        "select * from forge_deployment where process_instance_id = ? and state = ? order by id",
        ROW,
        processInstanceId,
        WAITING);
  }

  /** The WAITING deployments of one GitLab project and environment. */
  List<Held> waitingIn(Forge forge, String repository, String forgeEnvironment) {
    return jdbc.query(
        "select * from forge_deployment where forge = ? and repository = ? and forge_environment = ?"
            + " and state = ?",
        ROW,
        forge.name(),
        repository,
        forgeEnvironment,
        WAITING);
  }

  /** The answers to send, and those whose sender never finished (to claim again). */
  List<Held> answers() {
    return jdbc.query(
        "select * from forge_deployment where state in (?, ?) order by id fetch first 500 rows only",
        ROW,
        DECIDED,
        SENDING);
  }

  /** The gate decided: WAITING becomes DECIDED with the answer; false when another node did. */
  boolean decide(long id, String answer, String comment) {
    Instant now = clock.instant();
    return jdbc.update(
            "update forge_deployment set state = ?, answer = ?, answer_comment = ?, decided_at = ?,"
                + " next_attempt_at = ? where id = ? and state = ?",
            DECIDED,
            answer,
            Comments.fit(comment),
            SqlInstant.of(now),
            SqlInstant.of(now),
            id,
            WAITING)
        == 1;
  }

  /**
   * Claims the status report {@code text} for one sender: false when it was reported already or the
   * deployment is no longer waiting.
   */
  boolean claimReport(long id, String text, int maxReports) {
    return jdbc.update(
            "update forge_deployment set reported = ?, reports = reports + 1 where id = ? and state = ?"
                + " and reports < ? and (reported is null or reported <> ?)",
            Comments.fit(text),
            id,
            WAITING,
            maxReports,
            Comments.fit(text))
        == 1;
  }

  /** A status report that did not arrive: it is reported again at the next look. */
  void reportFailed(long id) {
    jdbc.update(
        "update forge_deployment set reported = null, reports = reports - 1 where id = ? and reports > 0",
        id);
  }

  /** Claims a due answer for one sender; false when another got it first. */
  boolean claim(Held held, Instant staleBefore) {
    Instant now = clock.instant();
    if (DECIDED.equals(held.state())) {
      return jdbc.update(
              "update forge_deployment set state = ?, next_attempt_at = ? where id = ? and state = ?"
                  + " and next_attempt_at <= ?",
              SENDING,
              SqlInstant.of(now),
              held.id(),
              DECIDED,
              SqlInstant.of(now))
          == 1;
    }
    return jdbc.update(
            "update forge_deployment set next_attempt_at = ? where id = ? and state = ?"
                + " and next_attempt_at < ?",
            SqlInstant.of(now),
            held.id(),
            SENDING,
            SqlInstant.of(staleBefore))
        == 1;
  }

  /** A claimed approval the gate no longer gives: back to WAITING, or a rejection instead. */
  void reconsidered(long id, String state, String answer, String comment) {
    jdbc.update(
        "update forge_deployment set state = ?, answer = ?, answer_comment = ?, next_attempt_at = ?"
            + " where id = ? and state = ?",
        state,
        answer,
        Comments.fit(comment),
        SqlInstant.of(clock.instant()),
        id,
        SENDING);
  }

  void sent(long id) {
    rows.sent(id);
  }

  /** A failed attempt: tried again at {@code next}, or FAILED when {@code next} is empty. */
  void attemptFailed(long id, String error, Optional<Instant> next) {
    rows.attemptFailed(id, error, next);
  }

  /** A FAILED answer back to DECIDED, due now, its attempts counted afresh. */
  boolean retry(long id) {
    return rows.retry(id);
  }

  /** GitLab no longer holds it (approved or cancelled there): nothing left to answer. */
  void gone(long id) {
    jdbc.update(
        "update forge_deployment set state = ? where id = ? and state = ?", GONE, id, WAITING);
  }

  long count(String state) {
    Long count =
        jdbc.queryForObject(
            "select count(*) from forge_deployment where state = ?", Long.class, state);
    return count == null ? 0 : count;
  }

  /** The latest held deployments, for the admins' list. */
  List<Held> latest(String state, int max) {
    List<Object> args = new ArrayList<>();
    String where = "";
    if (state != null) {
      where = " where state = ?";
      args.add(state);
    }
    args.add(max);
    return jdbc.query(
        "select * from forge_deployment" + where + " order by id desc fetch first ? rows only",
        ROW,
        args.toArray());
  }
}
