package in.bontonsoftwares.deploymentrequest.health;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.WATCH_HEALTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import in.bontonsoftwares.deploymentrequest.mail.SeparateSmtpServer;
import in.bontonsoftwares.deploymentrequest.node.AppNode;
import in.bontonsoftwares.deploymentrequest.node.ClusterNodes;
import in.bontonsoftwares.deploymentrequest.node.RequestDriver;
import in.bontonsoftwares.deploymentrequest.process.ExecutionHealthChecksProcess;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A node killed while a request's health checks are scheduled: they resume once, on the other node.
 * Two app JVMs on one PostgreSQL with short checks (a probe every 200 ms, five during execution, a
 * watch window of 18), a local health endpoint that holds one chosen call until the node making it
 * has been killed with SIGKILL, and a rollback webhook receiver that counts signed calls. The node
 * holding the check's job is killed in the middle of a probe, during execution and again in the
 * watch window; each time the other node takes the job once its lock expires, and the record holds
 * every attempt once, in order, with no more calls to the endpoint than probes stored plus the one
 * cut off. The service then turns unhealthy: the watch window fails and the request is rolled back
 * through the webhook, once, without anyone clicking.
 */
class HealthClusterTest {

  private static final Logger log = LoggerFactory.getLogger(HealthClusterTest.class);

  private static final String SECRET = "health-cluster-secret-0123456789";
  private static final String CHECK = "health-check-url";
  private static final int EXECUTION_PROBES = 5;

  /** The watch window over the interval. */
  private static final int WATCH_PROBES = 18;

  /** How long a killed node's jobs stay locked; the other node takes them after. */
  private static final Duration LOCK_TIME = Duration.ofSeconds(5);

  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension static final SeparateSmtpServer SMTP = new SeparateSmtpServer();
  private static final HealthEndpoint HEALTH = new HealthEndpoint();
  private static final Map<String, AtomicInteger> SIGNED_WEBHOOK_CALLS = new ConcurrentHashMap<>();
  private static final AtomicInteger UNSIGNED_WEBHOOK_CALLS = new AtomicInteger();
  private static final LocalServer SERVER =
      new LocalServer().handle("/health", HEALTH).handle("/rollback", HealthClusterTest::rollback);

  private static EmbeddedPostgres postgres;
  private static JdbcTemplate database;
  private static ClusterNodes cluster;

  /** The nodes alive, with their job executors' lock owners. */
  private static final Map<AppNode, String> NODES = new ConcurrentHashMap<>();

  private static final List<AppNode> STARTED = new CopyOnWriteArrayList<>();
  private static final AtomicInteger NEXT = new AtomicInteger();

  @BeforeAll
  static void startDatabaseMailAndTwoNodes() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    String url = postgres.getJdbcUrl("postgres", "postgres");
    database = new JdbcTemplate(new SingleConnectionDataSource(url, true));
    cluster =
        new ClusterNodes(
            url,
            SMTP.port(),
            Files.createTempDirectory("health-cluster-test"),
            LOCK_TIME,
            Duration.ofMillis(400));
    // one after the other: the first creates the schema
    start("a");
    start("b");
  }

  @AfterAll
  static void stopEverything() throws Exception {
    for (AppNode node : STARTED) {
      node.close();
    }
    SERVER.close();
    postgres.close();
  }

  @Test
  void shouldResumeTheChecksOnceOnTheOtherNodeWhenTheNodeRunningThemIsKilled() throws Exception {
    // given a request with a health-check URL, approved, scheduled, its execution claimed by sam
    RequestDriver driver =
        RequestDriver.resilient(HealthClusterTest::aLiveNode, TestRequests.validRequest())
            .withHealthCheck(SERVER.url("/health"));
    String[] request = driver.submit();
    String instance = request[0];
    String number = request[1];
    driver.review(instance);
    driver.work(instance, RequestDriver.SCHEDULE);
    // its third probe (the first calls come once the task is claimed) is held
    HEALTH.holdCall(3);
    driver.claim(instance, RequestDriver.EXECUTE);

    // when the node probing during execution is killed in the middle of that probe
    Kill duringExecution =
        killTheNodeProbing(
            instance, number, ExecutionHealthChecksProcess.CHECK_HEALTH_DURING_EXECUTION);
    assertThat(duringExecution.attempt()).isEqualTo(3);
    CompletableFuture<AppNode> restarted =
        CompletableFuture.supplyAsync(() -> start(duringExecution.node().name()));

    // then the other node measures the attempt cut off again, and the rest, each once
    List<ProbeResult> execution = awaitProbes(number, Phase.EXECUTION, EXECUTION_PROBES);
    assertThat(execution)
        .extracting(ProbeResult::attempt)
        .containsExactlyElementsOf(attempts(EXECUTION_PROBES));
    assertThat(execution).extracting(ProbeResult::verdict).containsOnly(Verdict.SUCCESSFUL);
    assertMeasuredAgainAfterTheKill(execution, duringExecution);
    assertThat(HEALTH.calls())
        .as("calls: probes stored + the one cut off")
        .isEqualTo(EXECUTION_PROBES + 1);

    // when the deployment succeeded and the node probing in the watch window is killed too
    restarted.get(3, TimeUnit.MINUTES);
    // and its fourth probe in the watch window is held
    HEALTH.holdCall(HEALTH.calls() + 4);
    driver.work(instance, RequestDriver.EXECUTE);
    Kill inTheWatchWindow = killTheNodeProbing(instance, number, CHECK_HEALTH_IN_WATCH_WINDOW);
    assertThat(inTheWatchWindow.attempt()).isEqualTo(4);
    // the other node goes on with the attempt cut off; then the service fails
    awaitProbes(number, Phase.WATCH, inTheWatchWindow.attempt());
    HEALTH.turnUnhealthy();
    await("the request at 'Document deployment'")
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(() -> driver.openTasks(instance).contains(DOCUMENT_DEPLOYMENT));

    // then every attempt of the watch window is stored once, the last two failed ...
    List<ProbeResult> watch = probes(number, Phase.WATCH);
    assertThat(watch)
        .extracting(ProbeResult::attempt)
        .containsExactlyElementsOf(attempts(watch.size()));
    assertThat(watch.size()).isLessThan(WATCH_PROBES);
    assertThat(watch.subList(watch.size() - 2, watch.size()))
        .extracting(ProbeResult::verdict)
        .containsOnly(Verdict.FAILED);
    assertThat(watch.subList(0, watch.size() - 2))
        .extracting(ProbeResult::verdict)
        .containsOnly(Verdict.SUCCESSFUL);
    assertMeasuredAgainAfterTheKill(watch, inTheWatchWindow);
    assertThat(variable(instance, WATCH_HEALTH)).isEqualTo(AnalysisState.FAILED.name());
    assertThat(HEALTH.calls())
        .as("calls: probes stored + the two cut off")
        .isEqualTo(execution.size() + watch.size() + 2);

    // ... and the request was rolled back through the webhook, called once, signed
    assertThat(SIGNED_WEBHOOK_CALLS).hasSize(1);
    assertThat(SIGNED_WEBHOOK_CALLS.values()).extracting(AtomicInteger::get).containsExactly(1);
    assertThat(UNSIGNED_WEBHOOK_CALLS).hasValue(0);
    assertThat(
            database.queryForObject(
                "select count(*) from rollback_webhook_delivery"
                    + " where request_number = ? and delivered_at is not null and attempts = 1",
                Integer.class,
                number))
        .isEqualTo(1);
    assertThat(
            database.queryForObject(
                "select status from change_ticket where request_number = ?", String.class, number))
        .isEqualTo("ROLLED_BACK");
    assertThat(passed(instance, CALL_ROLLBACK_WEBHOOK)).isEqualTo(1);
    assertThat(passed(instance, MARK_CHANGE_ROLLED_BACK)).isEqualTo(1);
    assertThat(passed(instance, SEND_ROLLBACK_EMAIL)).isEqualTo(1);
    assertThat(passed(instance, ROLL_BACK_DEPLOYMENT)).isZero();
    assertThat(passed(instance, SEND_CRITICAL_ISSUE_EMAIL)).isZero();
    assertThat(passed(instance, VERIFY_HEALTH)).isZero();
  }

  /** The node killed, the attempt it was measuring, and when it died. */
  private record Kill(AppNode node, int attempt, Instant at) {}

  /**
   * Once the health endpoint holds the call it was told to, kills the node whose job executor holds
   * the check's job, then lets the call answer to no one.
   */
  private static Kill killTheNodeProbing(String instance, String number, String checkTask)
      throws Exception {
    Phase phase =
        checkTask.equals(ExecutionHealthChecksProcess.CHECK_HEALTH_DURING_EXECUTION)
            ? Phase.EXECUTION
            : Phase.WATCH;
    HEALTH.awaitHeld();
    try {
      int attempt = probes(number, phase).size() + 1;
      String owner =
          await("the lock owner of " + checkTask)
              .atMost(Duration.ofSeconds(5))
              .until(() -> lockOwner(instance, number, checkTask), o -> o != null);
      AppNode node =
          NODES.entrySet().stream()
              .filter(entry -> entry.getValue().equals(owner))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no live node has lock owner " + owner + ": " + NODES));
      NODES.remove(node);
      node.kill();
      log.info(
          "{}: killed node {} ({}) while it measured {} attempt {}",
          number,
          node.name(),
          owner,
          phase,
          attempt);
      return new Kill(node, attempt, Instant.now());
    } finally {
      HEALTH.release();
    }
  }

  /**
   * Who holds the job of {@code activity} of the request or of its health checks during execution
   * (a process of their own), if one node does.
   */
  private static String lockOwner(String instance, String number, String activity) {
    List<String> owners =
        database.queryForList(
            "select distinct j.lock_owner_ from act_ru_job j"
                + " join act_ru_jobdef d on d.id_ = j.job_def_id_"
                + " join act_ru_execution p on p.id_ = j.process_instance_id_"
                + " where (p.id_ = ? or p.business_key_ = ?) and d.act_id_ = ?"
                + " and j.lock_owner_ is not null",
            String.class,
            instance,
            ExecutionHealthChecksProcess.businessKey(number),
            activity);
    assertThat(owners).as("lock owners of " + activity).hasSizeLessThanOrEqualTo(1);
    return owners.isEmpty() ? null : owners.get(0);
  }

  private static void assertMeasuredAgainAfterTheKill(List<ProbeResult> probes, Kill kill) {
    assertThat(probes)
        .filteredOn(probe -> probe.attempt() == kill.attempt())
        .singleElement()
        .satisfies(probe -> assertThat(probe.probedAt()).isAfter(kill.at()));
  }

  private static List<ProbeResult> awaitProbes(String number, Phase phase, int count) {
    return await(count + " probes of " + phase)
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> probes(number, phase), probes -> probes.size() >= count);
  }

  /** The stored probes of the request's health-check URL in {@code phase}, by attempt. */
  private static List<ProbeResult> probes(String number, Phase phase) {
    return new ProbeRepository(database, new DataSourceTransactionManager(database.getDataSource()))
        .results(number).stream()
            .filter(probe -> probe.phase() == phase && probe.check().equals(CHECK))
            .sorted(Comparator.comparingInt(ProbeResult::attempt))
            .toList();
  }

  private static List<Integer> attempts(int count) {
    return IntStream.rangeClosed(1, count).boxed().toList();
  }

  private static int passed(String instance, String activity) {
    return database.queryForObject(
        "select count(*) from act_hi_actinst where proc_inst_id_ = ? and act_id_ = ?"
            + " and end_time_ is not null",
        Integer.class,
        instance,
        activity);
  }

  private static String variable(String instance, String name) {
    return database.queryForObject(
        "select text_ from act_hi_varinst where proc_inst_id_ = ? and name_ = ?",
        String.class,
        instance,
        name);
  }

  /** A live node, the next in turn, as a load balancer spreads the people's calls. */
  private static String aLiveNode() {
    List<AppNode> live = List.copyOf(NODES.keySet());
    return live.get(Math.floorMod(NEXT.getAndIncrement(), live.size())).baseUrl();
  }

  /** Starts a node with short checks in production and its rollback webhook. */
  private static AppNode start(String name) {
    String health = "--deployment-request.health.";
    String production = health + "environments.production.";
    AppNode node =
        cluster.node(
            name,
            List.of(
                health + "request-check.interval=PT0.2S",
                health + "request-check.count=" + EXECUTION_PROBES,
                health + "request-check.failure-limit=1",
                // a held call is cut off by the kill long before
                health + "request-check.timeout=PT3S",
                production + "watch-window=PT3.6S",
                production + "rollback-webhook.url=" + SERVER.url("/rollback"),
                production + "rollback-webhook.secret=" + SECRET,
                health + "webhook.first-backoff=PT0.2S",
                "--logging.level.in.bontonsoftwares.deploymentrequest.health=INFO"));
    STARTED.add(node);
    try {
      node.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String owner = node.lockOwner();
    assertThat(owner).as("lock owner of node " + name).isNotBlank();
    NODES.put(node, owner);
    log.info("node {} ({}) started, log {}", name, owner, node.log());
    return node;
  }

  private static void rollback(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String signature = exchange.getRequestHeaders().getFirst(RollbackWebhook.SIGNATURE_HEADER);
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    if (key == null
        || signature == null
        || !signature.equals(RollbackWebhook.signature(SECRET, body))) {
      UNSIGNED_WEBHOOK_CALLS.incrementAndGet();
      LocalServer.answer(exchange, 401, "text/plain", "bad signature");
      return;
    }
    SIGNED_WEBHOOK_CALLS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    LocalServer.answer(exchange, 202, "application/json", "{\"rollback\":\"started\"}");
  }

  /**
   * The deployed service's health endpoint: answers 200 until turned unhealthy, then 503; counts
   * calls; holds the call of a given number until released.
   */
  private static final class HealthEndpoint implements HttpHandler {

    private final AtomicInteger calls = new AtomicInteger();
    private volatile int holdAt;
    private volatile boolean healthy = true;
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(1);

    int calls() {
      return calls.get();
    }

    void turnUnhealthy() {
      healthy = false;
    }

    /** Holds the {@code call}th call (counting from 1) when it comes, until {@link #release()}. */
    void holdCall(int call) {
      held = new CountDownLatch(1);
      released = new CountDownLatch(1);
      holdAt = call;
    }

    void awaitHeld() throws InterruptedException {
      assertThat(held.await(WAIT.toSeconds(), TimeUnit.SECONDS))
          .as("call " + holdAt + " came (" + calls() + " so far)")
          .isTrue();
    }

    void release() {
      released.countDown();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
      if (calls.incrementAndGet() == holdAt) {
        held.countDown();
        try {
          released.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      try {
        LocalServer.answer(
            exchange,
            healthy ? 200 : 503,
            "application/json",
            healthy ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
      } catch (IOException e) {
        // the node that asked is gone
      }
    }
  }
}
