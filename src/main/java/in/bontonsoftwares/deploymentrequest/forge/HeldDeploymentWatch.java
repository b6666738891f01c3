package in.bontonsoftwares.deploymentrequest.forge;

import in.bontonsoftwares.deploymentrequest.config.ForgeProperties;
import in.bontonsoftwares.deploymentrequest.config.GitLabProperties;
import in.bontonsoftwares.deploymentrequest.forge.HeldDeployments.Arrival;
import in.bontonsoftwares.deploymentrequest.forge.HeldDeployments.Held;
import in.bontonsoftwares.deploymentrequest.pipeline.Gate;
import in.bontonsoftwares.deploymentrequest.pipeline.GateDecision;
import java.io.IOException;
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
import java.util.stream.Collectors;
import org.camunda.bpm.spring.boot.starter.event.ExecutionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Looks at the held deployments again until the gate decides them, on one thread of its own (never
 * on the thread that committed): after this node commits a change to a request that deployments
 * wait on (the engine's execution events, after commit, as the waiting gate calls), when the answer
 * may change by time alone (the window opens or closes, a freeze ends), and every {@code
 * recheck-every} for what other nodes changed and after a restart. Each look reads the request once
 * for all its deployments. While the gate says WAIT, GitHub gets a status report each time its
 * message changes (at most nine, GitHub keeps ten); GO or STOP decide the row, and {@link
 * AnswerDelivery} sends the answer. GitLab's blocked deployments are listed every {@code
 * poll-every}.
 */
@Component
class HeldDeploymentWatch implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(HeldDeploymentWatch.class);

  /** GitHub takes ten status reports per deployment; one is left for good measure. */
  static final int MAX_REPORTS = 9;

  private final HeldDeployments store;
  private final DeploymentMatcher matcher;
  private final Gate gate;
  private final AnswerDelivery delivery;
  private final GitHubApp github;
  private final GitLabApprovals gitlab;
  private final ForgeProperties properties;
  private final GitLabProperties gitlabProperties;
  private final Clock clock;

  /** Requests with waiting deployments, as of the last round and arrival. */
  private final Set<String> watched = ConcurrentHashMap.newKeySet();

  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> timed = new ConcurrentHashMap<>();
  private volatile ScheduledExecutorService thread;

  HeldDeploymentWatch(
      HeldDeployments store,
      DeploymentMatcher matcher,
      Gate gate,
      AnswerDelivery delivery,
      GitHubApp github,
      GitLabApprovals gitlab,
      ForgeProperties properties,
      GitLabProperties gitlabProperties,
      Clock clock) {
    this.store = store;
    this.matcher = matcher;
    this.gate = gate;
    this.delivery = delivery;
    this.github = github;
    this.gitlab = gitlab;
    this.properties = properties;
    this.gitlabProperties = gitlabProperties;
    this.clock = clock;
  }

  /** A held deployment was just stored (committed): decide it, or send its rejection, soon. */
  void arrived(long id) {
    run(
        () ->
            store
                .find(id)
                .map(Held::processInstanceId)
                .ifPresentOrElse(
                    processInstanceId -> {
                      watched.add(processInstanceId);
                      look(processInstanceId);
                    },
                    delivery::deliverDue));
  }

  /** A round soon: after an admin's retry. */
  void soon() {
    run(this::round);
  }

  /** A change of a request with waiting deployments was committed on this node. */
  @TransactionalEventListener
  void committed(ExecutionEvent event) {
    String processInstanceId = event.getProcessInstanceId();
    if (processInstanceId != null && watched.contains(processInstanceId)) {
      queue(processInstanceId);
    }
  }

  private void queue(String processInstanceId) {
    if (queued.add(processInstanceId)) {
      if (!run(() -> look(processInstanceId))) {
        queued.remove(processInstanceId);
      }
    }
  }

  private void look(String processInstanceId) {
    queued.remove(processInstanceId);
    decide(processInstanceId, store.waitingFor(processInstanceId));
    delivery.deliverDue();
  }

  /** Every waiting deployment, then every due answer. */
  void round() {
    Map<String, List<Held>> byRequest =
        store.waiting().stream().collect(Collectors.groupingBy(Held::processInstanceId));
    watched.retainAll(byRequest.keySet());
    watched.addAll(byRequest.keySet());
    byRequest.forEach(this::decide);
    delivery.deliverDue();
  }

  private void decide(String processInstanceId, List<Held> waiting) {
    if (waiting.isEmpty()) {
      watched.remove(processInstanceId);
      return;
    }
    Gate.Look look = gate.look(processInstanceId);
    Instant changes = null;
    for (Held held : waiting) {
      GateDecision decision =
          look.decide(held.environment(), held.version(), held.digest(), held.sha());
      switch (decision.decision()) {
        case GO ->
            store.decide(held.id(), HeldDeployments.APPROVED, Answers.approval(held, decision));
        case STOP ->
            store.decide(held.id(), HeldDeployments.REJECTED, Answers.rejection(held, decision));
        case WAIT -> {
          report(held, Answers.waiting(decision));
          Instant at = decision.changesAt();
          if (at != null && (changes == null || at.isBefore(changes))) {
            changes = at;
          }
        }
      }
    }
    if (changes != null) {
      at(processInstanceId, changes);
    }
  }

  /** Looks again when the answer may change by time alone; once per request and moment. */
  private void at(String processInstanceId, Instant when) {
    ScheduledExecutorService scheduler = thread;
    if (scheduler == null || when.equals(timed.get(processInstanceId))) {
      return;
    }
    timed.put(processInstanceId, when);
    long delay = Math.max(0, Duration.between(clock.instant(), when).toMillis()) + 100;
    scheduler.schedule(
        () -> {
          timed.remove(processInstanceId, when);
          queue(processInstanceId);
        },
        delay,
        TimeUnit.MILLISECONDS);
  }

  private void report(Held held, String text) {
    Optional<ForgeClient> client = client(held);
    if (client.isEmpty()
        || !client.get().reports()
        || !store.claimReport(held.id(), text, MAX_REPORTS)) {
      return;
    }
    try {
      client.get().report(held, text);
    } catch (IOException e) {
      store.reportFailed(held.id());
      LOG.warn(
          "{} deployment {} of {}: status report not sent ({}); tried again at the next look",
          held.forge(),
          held.target(),
          held.repository(),
          e instanceof ForgeClient.Refused ? e.getMessage() : e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      store.reportFailed(held.id());
    }
  }

  private Optional<ForgeClient> client(Held held) {
    return switch (held.forge()) {
      case GITHUB -> github.enabled() ? Optional.of(github) : Optional.empty();
      case GITLAB -> gitlab.enabled() ? Optional.of(gitlab) : Optional.empty();
    };
  }

  /** GitLab's blocked deployments: new ones are stored and decided, vanished ones let go. */
  void poll() {
    GitLabApprovals.Listing listing = gitlab.blocked();
    for (Arrival arrival : listing.blocked()) {
      if (store.exists(arrival.deliveryKey())) {
        continue;
      }
      DeploymentMatcher.Match match =
          matcher.match(
              gitlabProperties.environments(),
              arrival.forgeEnvironment(),
              arrival.sha(),
              DeploymentMatcher.Claim.NONE);
      store
          .add(arrival, match)
          .ifPresent(
              id -> {
                LOG.info(
                    "GitLab deployment {} of {} to {} is blocked: {}",
                    arrival.target(),
                    arrival.repository(),
                    arrival.forgeEnvironment(),
                    match.request() == null ? match.refusal() : match.request().number());
                arrived(id);
              });
    }
    listing
        .listed()
        .forEach(
            (where, ids) -> {
              String[] parts = where.split("\n", 2);
              for (Held held : store.waitingIn(HeldDeployments.Forge.GITLAB, parts[0], parts[1])) {
                if (!ids.contains(held.target())) {
                  store.gone(held.id());
                }
              }
            });
  }

  /** Runs on the watch's thread; false when it is not running. */
  private boolean run(Runnable task) {
    ScheduledExecutorService scheduler = thread;
    if (scheduler == null) {
      return false;
    }
    try {
      scheduler.execute(() -> quietly(task));
      return true;
    } catch (RuntimeException rejected) { // shut down
      return false;
    }
  }

  private static void quietly(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warn("Looking at held deployments failed; the next round tries again", e);
    }
  }

  @Override
  public void start() {
    if (!github.enabled() && !gitlab.enabled()) {
      return;
    }
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread t = new Thread(runnable, "held-deployments");
              t.setDaemon(true);
              return t;
            });
    long every = properties.recheckEvery().toMillis();
    scheduler.scheduleWithFixedDelay(() -> quietly(this::round), 0, every, TimeUnit.MILLISECONDS);
    if (gitlab.enabled()) {
      long poll = gitlabProperties.pollEvery().toMillis();
      scheduler.scheduleWithFixedDelay(() -> quietly(this::poll), 0, poll, TimeUnit.MILLISECONDS);
    }
    thread = scheduler;
  }

  @Override
  public void stop() {
    ScheduledExecutorService scheduler = thread;
    thread = null;
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }
}
