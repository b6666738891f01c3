package in.bontonsoftwares.deploymentrequest.limits;

import in.bontonsoftwares.deploymentrequest.config.LimitProperties;
import in.bontonsoftwares.deploymentrequest.identity.Groups;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The caps on what one person may start: requests started within a window and requests open at a
 * time, counted in the engine's history (right on every node and after a restart). Called from the
 * start listener, inside the start's transaction, so that every door obeys them and a refused start
 * leaves nothing behind. Admins are exempt.
 */
@Component
public class StartLimits {

  private static final Duration TURN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration BUSY_RETRY = Duration.ofSeconds(5);

  private final HistoryService historyService;
  private final IdentityService identityService;
  private final LimitProperties limits;
  private final LimitHits hits;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate newTransaction;
  private final Clock clock;
  private final Map<String, ReentrantLock> turns = new ConcurrentHashMap<>();

  StartLimits(
      HistoryService historyService,
      IdentityService identityService,
      LimitProperties limits,
      LimitHits hits,
      JdbcTemplate jdbc,
      PlatformTransactionManager transactionManager,
      Clock clock) {
    this.historyService = historyService;
    this.identityService = identityService;
    this.limits = limits;
    this.hits = hits;
    this.jdbc = jdbc;
    this.newTransaction = new TransactionTemplate(transactionManager);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /**
   * Refuses the start when its person is over a cap, from what is committed now. Cheap and without
   * a lock, so that a person already over a cap is refused before anything else is spent on the
   * start (such as a request number).
   */
  public void check(String requester) {
    String person = person(requester);
    if (!exempt(person)) {
      refuseIfOver(person);
    }
  }

  /**
   * The same check again, this time one start of the person after the other: waits for the person's
   * turn on this node and takes the person's lock row, both held until the start's transaction
   * commits or rolls back, so that a burst of parallel starts, also on several nodes, cannot pass
   * the caps together. Call it last in the start listener: while a start holds the turn, the starts
   * waiting for it hold database connections, so nothing after it may need a second one.
   */
  public void checkInTurn(String requester) {
    String person = person(requester);
    if (!exempt(person)) {
      ensureLockRow(person);
      waitForTurn(person);
      jdbc.queryForList(
          "select user_id from start_limit_lock where user_id = ? for update",
          String.class,
          person);
      // The engine's MyBatis session caches query results for the length of the command, and would
      // answer the
      // counts that follow from before the wait: what the starts committed in the meantime must be
      // read.
      Context.getCommandContext().getDbSqlSession().getSqlSession().clearCache();
      refuseIfOver(person);
    }
  }

  private void refuseIfOver(String person) {
    Instant now = clock.instant();
    LimitProperties.Rate starts = limits.starts();
    long started =
        withoutAuthorization(
            () -> startedBy(person).startedAfter(Date.from(now.minus(starts.window()))).count());
    if (started >= starts.max()) {
      // room again when the start that pushes the count to the cap leaves the window
      Instant oldest =
          withoutAuthorization(
                  () ->
                      startedBy(person)
                          .startedAfter(Date.from(now.minus(starts.window())))
                          .orderByProcessInstanceStartTime()
                          .asc()
                          .listPage((int) (started - starts.max()), 1))
              .get(0)
              .getStartTime()
              .toInstant();
      Duration retryAfter = Duration.between(now, oldest.plus(starts.window()));
      hits.record(Limit.STARTS, person, starts.window());
      throw new RequestLimitException(
          Limit.STARTS,
          ("You have started %d deployment requests within %s, the most one "
                  + "person may start; you can start the next one in %s.")
              .formatted(started, Waits.inWords(starts.window()), Waits.inWords(retryAfter)),
          retryAfter);
    }
    LimitProperties.OpenRequests open = limits.openRequests();
    long opened = withoutAuthorization(() -> startedBy(person).unfinished().count());
    if (opened >= open.max()) {
      hits.record(Limit.OPEN_REQUESTS, person, open.retryAfter());
      throw new RequestLimitException(
          Limit.OPEN_REQUESTS,
          ("You have %d open deployment requests, the most one "
                  + "requester may have open at a time; finish or withdraw one before you start another.")
              .formatted(opened),
          open.retryAfter());
    }
  }

  private HistoricProcessInstanceQuery startedBy(String person) {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(DeploymentRequestProcess.KEY)
        .startedBy(person);
  }

  /**
   * The person the engine records as starting the request; the requester when the caller is not
   * signed in.
   */
  private String person(String requester) {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication != null && authentication.getUserId() != null
        ? authentication.getUserId()
        : requester;
  }

  private boolean exempt(String person) {
    return withoutAuthorization(
        () ->
            identityService.createUserQuery().userId(person).memberOfGroup(Groups.ADMINS).count()
                > 0);
  }

  /**
   * One start of a person at a time on this node, until its transaction ends: the database lock
   * below then only waits for other nodes, and never runs into a database's lock timeout (H2's is
   * two seconds) under a burst.
   */
  private void waitForTurn(String person) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    ReentrantLock turn = turns.computeIfAbsent(person, key -> new ReentrantLock());
    boolean mine;
    try {
      mine = turn.tryLock(TURN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      mine = false;
    }
    if (!mine) {
      throw new RequestLimitException(
          Limit.STARTS,
          "Your other deployment requests are still being started; try " + "again in a moment.",
          BUSY_RETRY);
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            turn.unlock();
          }
        });
  }

  /**
   * The person's lock row, inserted on their first start; before the turn, as it takes a second
   * connection.
   */
  private void ensureLockRow(String person) {
    Integer rows =
        jdbc.queryForObject(
            "select count(*) from start_limit_lock where user_id = ?", Integer.class, person);
    if (rows == 0) {
      try {
        // committed at once, so that a parallel start of the same person finds the row to wait on
        newTransaction.executeWithoutResult(
            status -> jdbc.update("insert into start_limit_lock (user_id) values (?)", person));
      } catch (DuplicateKeyException parallelFirstStart) {
        // the other start inserted it: the row is there
      }
    }
  }

  /**
   * The caps count every request of the person, also those the person's own grants would not show.
   */
  private static <T> T withoutAuthorization(Callable<T> query) {
    // called from the start listener, inside the engine's command
    return Context.getCommandContext().runWithoutAuthorization(query);
  }
}
