package in.bontonsoftwares.deploymentrequest.pipeline;

import in.bontonsoftwares.deploymentrequest.config.GateProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.spring.boot.starter.event.ExecutionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The gate calls that wait for their answer to change ({@code wait=}), without a server thread
 * each: a waiting call is a {@link Waiter} in a map by request. A waiter is answered as soon as its
 * answer changes, or when its wait is over:
 *
 * <ul>
 *   <li>after this node commits a change to the request (the engine's execution events, after
 *       commit);
 *   <li>when the window opens or closes by time alone;
 *   <li>every {@code recheck-every}, for what other nodes changed.
 * </ul>
 *
 * Each look at a request reads it once for all its waiters, on one thread of our own, never on the
 * thread that committed; a request has at most one look queued at a time, however many waiters,
 * commit events or times ask for one before it begins (1,000 calls on 50 requests read 50 snapshots
 * when the window opens, not 1,000).
 */
@Component
class GateWaits implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(GateWaits.class);

  /** One waiting call. */
  interface Waiter {
    GateDecision first();

    Instant deadline();

    /** Re-decides for the snapshot; answers the caller when the answer changed. Thread-safe. */
    void look(Optional<RequestSnapshot> request, Instant now, boolean last);

    boolean done();
  }

  private final Map<String, Set<Waiter>> byRequest = new ConcurrentHashMap<>();

  /** Requests whose look is queued and has not begun: a second one would see nothing new. */
  private final Set<String> queued = ConcurrentHashMap.newKeySet();

  private final ScheduledExecutorService scheduler;
  private final DeploymentRequests requests;
  private final Clock clock;

  GateWaits(DeploymentRequests requests, Clock clock, GateProperties properties) {
    this.requests = requests;
    this.clock = clock;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "gate-waits");
              thread.setDaemon(true);
              return thread;
            });
    long every = properties.recheckEvery().toMillis();
    scheduler.scheduleWithFixedDelay(this::recheckAll, every, every, TimeUnit.MILLISECONDS);
  }

  /** Starts waiting; the waiter is looked at again at its deadline and when time changes it. */
  void await(String processInstanceId, Waiter waiter) {
    byRequest.computeIfAbsent(processInstanceId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
    Instant now = clock.instant();
    // a change committed between the first decision and now would be missed otherwise
    look(processInstanceId);
    at(processInstanceId, waiter.deadline(), now);
    Instant changes = waiter.first().changesAt();
    if (changes != null && changes.isBefore(waiter.deadline())) {
      at(processInstanceId, changes, now);
    }
  }

  /** How many calls wait now (for the benchmark and the metrics). */
  int waiting() {
    return byRequest.values().stream().mapToInt(Set::size).sum();
  }

  private void at(String processInstanceId, Instant when, Instant now) {
    long delay = Math.max(0, Duration.between(now, when).toMillis());
    scheduler.schedule(() -> look(processInstanceId), delay, TimeUnit.MILLISECONDS);
  }

  /** Queues a look at the request, unless one is queued that has not begun yet. */
  private void look(String processInstanceId) {
    if (queued.add(processInstanceId)) {
      try {
        scheduler.execute(() -> recheck(processInstanceId));
      } catch (RuntimeException rejected) { // shut down
        queued.remove(processInstanceId);
      }
    }
  }

  /** A change of a request with waiters was committed on this node. */
  @TransactionalEventListener
  void committed(ExecutionEvent event) {
    String processInstanceId = event.getProcessInstanceId();
    if (processInstanceId != null && byRequest.containsKey(processInstanceId)) {
      look(processInstanceId);
    }
  }

  private void recheckAll() {
    List.copyOf(byRequest.keySet()).forEach(this::look);
  }

  private void recheck(String processInstanceId) {
    // begun: what is committed from now on may not be in the snapshot below, so it queues another
    queued.remove(processInstanceId);
    Set<Waiter> waiters = byRequest.get(processInstanceId);
    if (waiters == null) {
      return;
    }
    try {
      Optional<RequestSnapshot> request = requests.snapshot(processInstanceId);
      Instant now = clock.instant();
      for (Waiter waiter : waiters) {
        waiter.look(request, now, !now.isBefore(waiter.deadline()));
        if (waiter.done()) {
          waiters.remove(waiter);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not look at request {} for its waiting gate calls", processInstanceId, e);
    } finally {
      byRequest.computeIfPresent(processInstanceId, (id, set) -> set.isEmpty() ? null : set);
    }
  }

  /** Forgets a waiter whose call ended otherwise (timeout of the container, client gone). */
  void forget(String processInstanceId, Waiter waiter) {
    byRequest.computeIfPresent(
        processInstanceId,
        (id, set) -> {
          set.remove(waiter);
          return set.isEmpty() ? null : set;
        });
  }

  @Override
  public void destroy() {
    scheduler.shutdownNow();
  }
}
