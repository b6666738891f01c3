package in.bontonsoftwares.deploymentrequest.bench;

import in.bontonsoftwares.deploymentrequest.mail.SeparateSmtpServer;
import in.bontonsoftwares.deploymentrequest.node.AppNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.FileSystemUtils;

/**
 * The benchmarks of README "Performance" ({@code ./mvnw -Pbench verify}): every figure is a ratio
 * of two things measured alternately in the same run on the same machine, since absolute figures on
 * a shared machine say little. The app runs as separate JVMs (nodes) with production settings,
 * driven over REST like Tasklist and CI drive it. Results: printed, and written to {@code
 * target/benchmark/results.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerformanceBenchmark {

  static final int REPETITIONS = Integer.getInteger("bench.repetitions", 3);
  static final int LIFECYCLES = Integer.getInteger("bench.lifecycles", 60);

  /**
   * The baseline is about three times as fast: more lifecycles for a steady part as long as the
   * app's.
   */
  static final int BASELINE_LIFECYCLES = 2 * LIFECYCLES;

  static final int WARM_UP = 2 * LifecycleDriver.IN_FLIGHT;

  /**
   * R3: finished requests and open tasks of the large database; timed calls of each query per
   * repetition.
   */
  static final int FINISHED = Integer.getInteger("bench.finished", 20_000);

  static final int OPEN_TASKS = Integer.getInteger("bench.open-tasks", 1_000);
  static final int QUERY_TIMES = 20;

  /**
   * The gate: calls waiting at once, on how many requests (a release night: 50 services in one
   * window, each rolled out by 20 pipelines, one per cluster or region), and R2's reviewers while
   * they wait, with the tasks each works per measurement.
   */
  static final int GATE_CALLS = Integer.getInteger("bench.gate.calls", 1_000);

  static final int GATE_REQUESTS = Integer.getInteger("bench.gate.requests", 50);
  static final int GATE_REVIEWERS = 4;
  static final int GATE_REVIEWS = Integer.getInteger("bench.gate.reviews", 15);

  /**
   * Benchmark nodes: the JIT and heap a production node has (no test shortcuts); {@code
   * -Dbench.node-jvm="..."} adds options, for example {@code
   * -XX:StartFlightRecording=filename=node.jfr} to profile a node.
   */
  static final List<String> NODE_JVM = nodeJvm();

  static final Path WORK = Path.of("target", "benchmark");
  static final Report REPORT = new Report();
  private static final long STARTED = System.nanoTime();

  @RegisterExtension static final SeparateSmtpServer SMTP = new SeparateSmtpServer();
  static EmbeddedPostgres postgres;
  static AppNode h2Node;
  static AppNode pgNodeA;
  static AppNode pgNodeB;
  static AppNode emptyNode;
  static LifecycleDriver h2;
  static LifecycleDriver pgA;

  @BeforeAll
  static void startMail() throws Exception {
    for (String node :
        new String[] {"h2", "h2-delayed", "h2-gate", "pg-a", "pg-b", "pg-empty", "pg-archive"}) {
      FileSystemUtils.deleteRecursively(WORK.resolve(node));
    }
    Files.createDirectories(WORK);
  }

  @AfterAll
  static void writeResults() throws Exception {
    // -Dbench.hold-seconds=N: the nodes and the database stay up N s after the last measurement
    // (EXPLAIN, curl)
    long hold = Long.getLong("bench.hold-seconds", 0);
    if (hold > 0 && postgres != null) {
      REPORT.progress(
          "Holding the database for "
              + hold
              + " s: "
              + postgres.getJdbcUrl("postgres", "postgres"));
      Thread.sleep(hold * 1000);
    }
    for (AppNode node : new AppNode[] {h2Node, pgNodeA, pgNodeB, emptyNode}) {
      if (node != null) {
        node.close();
      }
    }
    if (postgres != null) {
      postgres.close();
    }
    REPORT.write(WORK.resolve("results.md"), Duration.ofNanos(System.nanoTime() - STARTED));
  }

  @Test
  @Order(1)
  void startUpAndMemoryAgainstBareCamunda() throws Exception {
    Path bare = StartupMeasurement.buildBareApp(Path.of(""));
    Path ours;
    try (var jars = Files.list(Path.of("target"))) {
      ours =
          jars.filter(jar -> jar.getFileName().toString().matches("deployment-request-.*\\.jar"))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException("No app jar in target/: run with 'verify'"));
    }
    List<String> jvm = List.of("-Xmx512m");
    List<StartupMeasurement.Sample> oursSamples = new ArrayList<>();
    List<StartupMeasurement.Sample> bareSamples = new ArrayList<>();
    // ours is ready when its readiness probe says so, after its own start-up work (demo users,
    // grants, filters); the
    // bare app has no probe: its welcome page, served once the engine and the webapps are up
    Measurement startOurs =
        () ->
            oursSamples.add(
                StartupMeasurement.measure(
                    ours,
                    WORK.resolve("r4-ours"),
                    jvm,
                    List.of("--deployment-request.embedded-smtp.port=0"),
                    "/actuator/health/readiness"));
    Measurement startBare =
        () ->
            bareSamples.add(
                StartupMeasurement.measure(
                    bare,
                    WORK.resolve("r4-bare"),
                    jvm,
                    List.of(),
                    "/camunda/app/welcome/default/"));
    // one start of each, not measured: the first start after a build reads the jars from disk, not
    // from memory
    startOurs.run();
    startBare.run();
    oursSamples.clear();
    bareSamples.clear();
    alternate(startOurs, startBare);
    List<Double> oursMillis =
        oursSamples.stream().map(sample -> (double) sample.millisToReady()).toList();
    List<Double> bareMillis =
        bareSamples.stream().map(sample -> (double) sample.millisToReady()).toList();
    List<Double> oursMiB = oursSamples.stream().map(sample -> sample.rssKiB() / 1024.0).toList();
    List<Double> bareMiB = bareSamples.stream().map(sample -> sample.rssKiB() / 1024.0).toList();
    REPORT.ratio(
        "R4",
        "Start-up: time to ready (s), H2, -Xmx512m",
        "app " + seconds(oursMillis),
        "bare Camunda " + seconds(bareMillis),
        ratios(oursMillis, bareMillis),
        1.5,
        true);
    REPORT.ratio(
        "R4",
        "Resident memory when ready (MiB)",
        "app " + Stats.of(oursMiB).format(0),
        "bare Camunda " + Stats.of(bareMiB).format(0),
        ratios(oursMiB, bareMiB),
        1.5,
        true);
  }

  private static String seconds(List<Double> millis) {
    return Stats.of(millis.stream().map(ms -> ms / 1000).toList()).format(1);
  }

  @Test
  @Order(2)
  void lifecycleThroughputAgainstBaseline() throws Exception {
    h2Node = node("h2", "", List.of()).start();
    h2 = new LifecycleDriver(h2Node::baseUrl);
    Workload.deployBaseline(h2Node.baseUrl());
    // warm-up: a new JVM needs some hundred requests before its JIT has compiled what they run
    h2.run(Workload.deploymentRequest(), LIFECYCLES);
    h2.run(Workload.baseline(), BASELINE_LIFECYCLES);

    List<Double> ours = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    alternate(
        () -> ours.add(h2.run(Workload.deploymentRequest(), LIFECYCLES).perSecond()),
        () -> baseline.add(h2.run(Workload.baseline(), BASELINE_LIFECYCLES).perSecond()));
    REPORT.ratio(
        "R1",
        "Lifecycles per second, H2",
        "Deployment Request " + Stats.of(ours).format(2),
        "baseline " + Stats.of(baseline).format(2),
        ratios(ours, baseline),
        0.7,
        false);
  }

  @Test
  @Order(3)
  void h2CommitsForcedAgainstWriteDelay() throws Exception {
    // the R1 node forces every commit to disk (README "Crashes"); this one leaves H2 to its write
    // delay
    try (AppNode delayedNode =
        node("h2-delayed", "", List.of("--deployment-request.database.force-commits=false"))
            .start()) {
      LifecycleDriver delayed = new LifecycleDriver(delayedNode::baseUrl);
      delayed.run(Workload.deploymentRequest(), LIFECYCLES);

      List<Double> forced = new ArrayList<>();
      List<Double> writeDelay = new ArrayList<>();
      alternate(
          () -> forced.add(h2.run(Workload.deploymentRequest(), LIFECYCLES).perSecond()),
          () -> writeDelay.add(delayed.run(Workload.deploymentRequest(), LIFECYCLES).perSecond()));
      REPORT.ratio(
          "R1",
          "Lifecycles per second, H2: every commit forced to disk ÷ H2's 0.5 s write delay",
          "forced " + Stats.of(forced).format(2),
          "write delay " + Stats.of(writeDelay).format(2),
          ratios(forced, writeDelay),
          null,
          false);
    }
  }

  @Test
  @Order(4)
  void gateCallsWaitingAgainstNone() throws Exception {
    // a node of its own, so that -Dit.test=PerformanceBenchmark#gateCallsWaitingAgainstNone runs it
    // alone
    try (AppNode node = node("h2-gate", "", List.of()).start()) {
      GateLatency gate = new GateLatency(node.baseUrl());
      TaskLatency reviews = new TaskLatency(node.baseUrl());
      REPORT.progress(
          format(
              "Gate: %d requests approved for %d windows, %d review tasks",
              REPETITIONS * GATE_REQUESTS, REPETITIONS, (2 * REPETITIONS + 1) * reviewTasks()));
      List<List<GateLatency.Request>> windows = new ArrayList<>();
      for (int i = 0; i < REPETITIONS; i++) {
        windows.add(gate.approved(GATE_REQUESTS));
      }
      List<GateLatency.Request> opened = gate.approved(5);
      ConcurrentLinkedQueue<String> tasks =
          new ConcurrentLinkedQueue<>(
              reviews.openReviewTasks((2 * REPETITIONS + 1) * reviewTasks()));
      REPORT.progress("Gate: warming up");
      gate.warmUp(windows.get(0), opened, GATE_CALLS);
      reviews.claimAndComplete(tasks, GATE_REVIEWERS, GATE_REVIEWS);
      int idleConnections = gate.settle(20).tomcatConnections();

      List<Double> withP50 = new ArrayList<>();
      List<Double> withP95 = new ArrayList<>();
      List<Double> noneP50 = new ArrayList<>();
      List<Double> noneP95 = new ArrayList<>();
      List<GateLatency.Jvm> withJvm = new ArrayList<>();
      List<GateLatency.Jvm> noneJvm = new ArrayList<>();
      List<GateLatency.Opening> openings = new ArrayList<>();
      List<String> phases = new ArrayList<>();
      AtomicInteger window = new AtomicInteger();
      // long enough to schedule the requests, place the calls and measure R2 before the window
      // opens
      Duration lead = Duration.ofMillis(25_000 + 100L * GATE_REQUESTS + 10L * GATE_CALLS);
      alternate(
          () -> {
            int n = window.getAndIncrement();
            List<GateLatency.Request> requests = windows.get(n);
            long phaseStart = System.nanoTime();
            GateLatency.Jvm before = gate.jvm(false);
            Instant opens = gate.schedule(requests, lead);
            GateLatency.Fleet fleet = gate.waiting(requests, GATE_CALLS, "w" + n);
            GateLatency.Jvm waiting = gate.jvm(true);
            withJvm.add(waiting);
            histogram(node, "waiting-" + n);
            REPORT.progress(
                format("Gate, %,d waiting: threads %s", GATE_CALLS, waiting.threadsByName()));
            List<Double> millis = reviews.claimAndComplete(tasks, GATE_REVIEWERS, GATE_REVIEWS);
            withP50.add(Stats.percentile(millis, 50));
            withP95.add(Stats.percentile(millis, 95));
            Duration left = Duration.between(Instant.now(), opens);
            if (left.isNegative()) {
              throw new IllegalStateException(
                  "The window opened "
                      + left.negated()
                      + " before R2 was measured: raise the lead");
            }
            GateLatency.Opening opening = gate.answers(fleet, opens);
            GateLatency.Jvm after = gate.jvm(false);
            openings.add(opening);
            phases.add(
                format(
                    "window %s: %,d calls placed in %.1f s, R2 done %.0f s before the window; "
                        + "gate-waits thread %.0f ms CPU, node %.1f s CPU from scheduling to the last"
                        + " answer; %d not GO%s",
                    opens,
                    GATE_CALLS,
                    fleet.placing().toMillis() / 1e3,
                    left.toMillis() / 1e3,
                    (after.gateWaitsCpuNanos() - before.gateWaitsCpuNanos()) / 1e6,
                    (after.processCpuNanos() - before.processCpuNanos()) / 1e9,
                    opening.notGo(),
                    opening.notGo() == 0 ? "" : " (" + opening.firstNotGo() + ")"));
            REPORT.progress(
                format(
                    "Gate, %,d waiting: R2 p50 %.0f ms, p95 %.0f ms; GO p50 %.0f ms, max %.0f ms"
                        + " after the window start (%.0f s in all)",
                    GATE_CALLS,
                    withP50.get(withP50.size() - 1),
                    withP95.get(withP95.size() - 1),
                    Stats.percentile(opening.goMillis(), 50),
                    Stats.percentile(opening.goMillis(), 100),
                    (System.nanoTime() - phaseStart) / 1e9));
            fleet = null; // its client closes its connections once collected
            gate.settle(idleConnections);
          },
          () -> {
            noneJvm.add(gate.jvm(true));
            histogram(node, "none-" + noneJvm.size());
            REPORT.progress(
                "Gate, none waiting: threads " + noneJvm.get(noneJvm.size() - 1).threadsByName());
            List<Double> millis = reviews.claimAndComplete(tasks, GATE_REVIEWERS, GATE_REVIEWS);
            noneP50.add(Stats.percentile(millis, 50));
            noneP95.add(Stats.percentile(millis, 95));
            REPORT.progress(
                format(
                    "Gate, none waiting: R2 p50 %.0f ms, p95 %.0f ms",
                    noneP50.get(noneP50.size() - 1), noneP95.get(noneP95.size() - 1)));
          });
      String waitingCalls = format("%,d gate calls waiting", GATE_CALLS);
      REPORT.ratio(
          "Gate",
          format("R2 claim + complete p50 (ms), %d reviewers, H2", GATE_REVIEWERS),
          waitingCalls + " " + Stats.of(withP50).format(0),
          "none " + Stats.of(noneP50).format(0),
          ratios(withP50, noneP50),
          null,
          true);
      REPORT.ratio(
          "Gate",
          format("R2 claim + complete p95 (ms), %d reviewers, H2", GATE_REVIEWERS),
          waitingCalls + " " + Stats.of(withP95).format(0),
          "none " + Stats.of(noneP95).format(0),
          ratios(withP95, noneP95),
          null,
          true);
      List<Double> withHeap = withJvm.stream().map(GateLatency.Jvm::heapMiB).toList();
      List<Double> noneHeap = noneJvm.stream().map(GateLatency.Jvm::heapMiB).toList();
      REPORT.ratio(
          "Gate",
          "Heap after GC (MiB)",
          waitingCalls + " " + Stats.of(withHeap).format(1),
          "none " + Stats.of(noneHeap).format(1),
          ratios(withHeap, noneHeap),
          null,
          true);
      List<Double> withThreads = withJvm.stream().map(jvm -> (double) jvm.liveThreads()).toList();
      List<Double> noneThreads = noneJvm.stream().map(jvm -> (double) jvm.liveThreads()).toList();
      REPORT.ratio(
          "Gate",
          "Live threads",
          waitingCalls + " " + Stats.of(withThreads).format(0),
          "none " + Stats.of(noneThreads).format(0),
          ratios(withThreads, noneThreads),
          null,
          true);
      List<Double> extraHeap = new ArrayList<>();
      List<Double> extraThreads = new ArrayList<>();
      for (int i = 0; i < withJvm.size(); i++) {
        extraHeap.add(withHeap.get(i) - noneHeap.get(i));
        extraThreads.add(withThreads.get(i) - noneThreads.get(i));
      }
      REPORT.detail(
          format(
              "**Gate — %,d calls waiting at once** (`wait=%s`, on %d requests scheduled for a window"
                  + " that opens a little later; H2 node; median of %d repetitions (min–max), with"
                  + " and without in alternating order)\n",
              GATE_CALLS, GateLatency.WAIT, GATE_REQUESTS, REPETITIONS));
      REPORT.detail("| | Median (min–max) |\n|---|---|");
      REPORT.detail(
          format(
              "| Extra heap after GC | %s MiB (%.1f KiB per call) |",
              Stats.of(extraHeap).format(1), Stats.of(extraHeap).median() * 1024 / GATE_CALLS));
      REPORT.detail(format("| Extra live threads | %s |", Stats.of(extraThreads).format(0)));
      List<Double> extraOther = new ArrayList<>();
      for (int i = 0; i < withJvm.size(); i++) {
        extraOther.add((double) withJvm.get(i).otherThreads() - noneJvm.get(i).otherThreads());
      }
      REPORT.detail(
          format(
              "| Extra live threads other than Tomcat's workers | %s |",
              Stats.of(extraOther).format(0)));
      REPORT.detail(
          format(
              "| Open connections / Tomcat threads (busy) while they wait | %s / %s (%s) |",
              Stats.of(withJvm.stream().map(jvm -> (double) jvm.tomcatConnections()).toList())
                  .format(0),
              Stats.of(withJvm.stream().map(jvm -> (double) jvm.tomcatThreads()).toList())
                  .format(0),
              Stats.of(withJvm.stream().map(jvm -> (double) jvm.tomcatBusyThreads()).toList())
                  .format(0)));
      REPORT.detail(
          format(
              "| Open connections / Tomcat threads (busy) with none waiting | %s / %s (%s) |",
              Stats.of(noneJvm.stream().map(jvm -> (double) jvm.tomcatConnections()).toList())
                  .format(0),
              Stats.of(noneJvm.stream().map(jvm -> (double) jvm.tomcatThreads()).toList())
                  .format(0),
              Stats.of(noneJvm.stream().map(jvm -> (double) jvm.tomcatBusyThreads()).toList())
                  .format(0)));
      REPORT.detail("");
      REPORT.detail(
          "**Gate — from the window's start to GO** (ms after the confirmed window start; median of "
              + REPETITIONS
              + " windows (min–max))\n");
      REPORT.detail("| | p50 | p95 | max |\n|---|---|---|---|");
      gateRow("Window start → GO, each call", openings, GateLatency.Opening::goMillis);
      gateRow(
          "Window start → timer run, each request (job acquisition)",
          openings,
          GateLatency.Opening::timerMillis);
      gateRow(
          "Timer → at Execute deployment (the ticket move's job), each request",
          openings,
          GateLatency.Opening::moveMillis);
      gateRow(
          "At Execute deployment → GO, each call (commit, recheck, GO record, answer)",
          openings,
          GateLatency.Opening::gateMillis);
      REPORT.detail("");
      phases.forEach(phase -> REPORT.detail("- " + phase));
      REPORT.detail("");
    }
  }

  /**
   * {@code -Dbench.gate.histogram=true}: the node's heap by class ({@code jcmd GC.class_histogram},
   * after a full GC) into target/benchmark/h2-gate/histogram-{name}.txt.
   */
  private static void histogram(AppNode node, String name) throws Exception {
    if (!Boolean.getBoolean("bench.gate.histogram")) {
      return;
    }
    Path file = WORK.resolve("h2-gate").resolve("histogram-" + name + ".txt").toAbsolutePath();
    new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
            Long.toString(node.pid()),
            "GC.class_histogram")
        .redirectErrorStream(true)
        .redirectOutput(file.toFile())
        .start()
        .waitFor();
  }

  private static int reviewTasks() {
    return GATE_REVIEWERS * GATE_REVIEWS;
  }

  private static void gateRow(
      String what,
      List<GateLatency.Opening> openings,
      java.util.function.Function<GateLatency.Opening, List<Double>> values) {
    List<Double> p50 = new ArrayList<>();
    List<Double> p95 = new ArrayList<>();
    List<Double> max = new ArrayList<>();
    for (GateLatency.Opening opening : openings) {
      List<Double> millis = values.apply(opening);
      if (!millis.isEmpty()) {
        p50.add(Stats.percentile(millis, 50));
        p95.add(Stats.percentile(millis, 95));
        max.add(Stats.percentile(millis, 100));
      }
    }
    if (p50.isEmpty()) {
      REPORT.detail("| " + what + " | – | – | – |");
      return;
    }
    REPORT.detail(
        "| "
            + what
            + " | "
            + Stats.of(p50).format(0)
            + " | "
            + Stats.of(p95).format(0)
            + " | "
            + Stats.of(max).format(0)
            + " |");
  }

  @Test
  @Order(5)
  void postgresAgainstH2() throws Exception {
    // checkpoints no more often than a production server makes them under R3's bulk copy
    postgres = EmbeddedPostgres.builder().setServerConfig("max_wal_size", "4GB").start();
    pgNodeA = node("pg-a", "postgres", postgresArguments()).start();
    pgA = new LifecycleDriver(pgNodeA::baseUrl);
    pgA.run(Workload.deploymentRequest(), WARM_UP);

    List<Double> onPostgres = new ArrayList<>();
    List<Double> onH2 = new ArrayList<>();
    alternate(
        () -> onPostgres.add(pgA.run(Workload.deploymentRequest(), LIFECYCLES).perSecond()),
        () -> onH2.add(h2.run(Workload.deploymentRequest(), LIFECYCLES).perSecond()));
    REPORT.ratio(
        "R5",
        "Lifecycles per second, PostgreSQL ÷ H2",
        "PostgreSQL " + Stats.of(onPostgres).format(2),
        "H2 " + Stats.of(onH2).format(2),
        ratios(onPostgres, onH2),
        null,
        false);
    h2Node.close();
  }

  @Test
  @Order(6)
  void twoNodesAgainstOne() throws Exception {
    pgNodeB = node("pg-b", "postgres", postgresArguments()).start();
    AtomicInteger next = new AtomicInteger();
    LifecycleDriver both =
        new LifecycleDriver(() -> (next.getAndIncrement() % 2 == 0 ? pgNodeA : pgNodeB).baseUrl());
    both.run(Workload.deploymentRequest(), LIFECYCLES); // node B is new: its JIT needs the work
    ClusterCounters counters = new ClusterCounters(pgNodeA, pgNodeB);

    List<Double> two = new ArrayList<>();
    List<Double> one = new ArrayList<>();
    ClusterCounters.Delta twoNodes = new ClusterCounters.Delta();
    ClusterCounters.Delta oneNode = new ClusterCounters.Delta();
    alternate(
        () ->
            two.add(
                counters.measure(
                    twoNodes, () -> both.run(Workload.deploymentRequest(), LIFECYCLES))),
        () -> {
          // node B is frozen (SIGSTOP): no CPU, no job acquisition, warm JIT when it is thawed
          pgNodeB.suspend();
          try {
            one.add(
                counters.measure(oneNode, () -> pgA.run(Workload.deploymentRequest(), LIFECYCLES)));
          } finally {
            pgNodeB.resume();
          }
        });
    REPORT.ratio(
        "R6",
        "Lifecycles per second, 2 nodes ÷ 1 node (PostgreSQL, same 2 cores)",
        "2 nodes " + Stats.of(two).format(2),
        "1 node " + Stats.of(one).format(2),
        ratios(two, one),
        0.9,
        false);
    REPORT.detail(
        "**R6 — contention** (per 1,000 jobs run, all repetitions): 2 nodes: "
            + twoNodes.summary()
            + "; 1 node: "
            + oneNode.summary()
            + "\n");
    pgNodeB.close();
  }

  interface Measurement {
    void run() throws Exception;
  }

  @Test
  @Order(7)
  void reviewLatencyOverRest() throws Exception {
    int[] clients = {1, 4, 16};
    int[] perClient = {20, 10, 4};
    TaskLatency latency = new TaskLatency(pgNodeA.baseUrl());
    int needed =
        REPETITIONS * IntStream.range(0, clients.length).map(i -> clients[i] * perClient[i]).sum();
    ConcurrentLinkedQueue<String> tasks =
        new ConcurrentLinkedQueue<>(latency.openReviewTasks(needed));

    Map<Integer, List<Double>> p50 = new TreeMap<>();
    Map<Integer, List<Double>> p95 = new TreeMap<>();
    for (int repetition = 0; repetition < REPETITIONS; repetition++) {
      for (int n = 0; n < clients.length; n++) {
        int level = repetition % 2 == 0 ? n : clients.length - 1 - n;
        List<Double> millis = latency.claimAndComplete(tasks, clients[level], perClient[level]);
        p50.computeIfAbsent(clients[level], c -> new ArrayList<>())
            .add(Stats.percentile(millis, 50));
        p95.computeIfAbsent(clients[level], c -> new ArrayList<>())
            .add(Stats.percentile(millis, 95));
      }
    }
    REPORT.detail(
        "**R2 — claim + complete of a review task over REST** (ms, PostgreSQL node; median of "
            + REPETITIONS
            + " repetitions (min–max), levels in alternating order)\n");
    REPORT.detail("| Concurrent reviewers | p50 | p95 |\n|---|---|---|");
    p50.forEach(
        (level, values) ->
            REPORT.detail(
                "| "
                    + level
                    + " | "
                    + Stats.of(values).format(0)
                    + " | "
                    + Stats.of(p95.get(level)).format(0)
                    + " |"));
    REPORT.detail("");
  }

  @Test
  @Order(8)
  void queriesOnYearsOfHistory() throws Exception {
    // large: the PostgreSQL database of R5, R6 and R2, its finished requests copied up to 20,000,
    // and requests
    // started until 1,000 tasks are open
    REPORT.progress("R3: copying finished requests up to " + FINISHED);
    int finished =
        HistoryCloner.cloneFinishedRequests(postgres.getJdbcUrl("postgres", "postgres"), FINISHED);
    QueryLatency large = new QueryLatency(pgNodeA.baseUrl());
    long open = large.openTasks();
    REPORT.progress(
        "R3: "
            + finished
            + " finished requests; starting requests until "
            + OPEN_TASKS
            + " tasks are open ("
            + open
            + " now)");
    if (open < OPEN_TASKS) {
      new TaskLatency(pgNodeA.baseUrl()).openReviewTasks((int) (OPEN_TASKS - open));
    }
    // empty: a node of its own on a new database
    try (Connection db =
            DriverManager.getConnection(
                postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        Statement sql = db.createStatement()) {
      sql.execute("create database bench_empty");
    }
    emptyNode =
        node(
                "pg-empty",
                "postgres",
                postgresArguments(postgres.getJdbcUrl("postgres", "bench_empty")))
            .start();
    QueryLatency empty = new QueryLatency(emptyNode.baseUrl());
    REPORT.progress("R3: warming up both nodes");
    large.measure(QUERY_TIMES);
    empty.measure(3 * QUERY_TIMES); // a new JVM: its JIT has not seen these queries yet

    Map<String, List<Double>> onLarge = new LinkedHashMap<>();
    Map<String, List<Double>> onEmpty = new LinkedHashMap<>();
    alternate(
        () ->
            large
                .measure(QUERY_TIMES)
                .forEach(
                    (query, millis) ->
                        onLarge.computeIfAbsent(query, q -> new ArrayList<>()).add(millis)),
        () ->
            empty
                .measure(QUERY_TIMES)
                .forEach(
                    (query, millis) ->
                        onEmpty.computeIfAbsent(query, q -> new ArrayList<>()).add(millis)));
    for (String query : QueryLatency.QUERIES) {
      REPORT.ratio(
          "R3",
          query + " (ms)",
          format(
              "%,d finished, %,d open: %s",
              finished, large.openTasks(), Stats.of(onLarge.get(query)).format(1)),
          "empty " + Stats.of(onEmpty.get(query)).format(1),
          ratios(onLarge.get(query), onEmpty.get(query)),
          2.0,
          true);
    }
  }

  /**
   * Repetitions of A and B in the order AB BA AB ..., so that neither always runs first (warmer, or
   * fresher).
   */
  static void alternate(Measurement a, Measurement b) throws Exception {
    for (int i = 0; i < REPETITIONS; i++) {
      if (i % 2 == 0) {
        a.run();
        b.run();
      } else {
        b.run();
        a.run();
      }
      SMTP.purge();
    }
  }

  /** A_i ÷ B_i per repetition. */
  static Stats ratios(List<Double> a, List<Double> b) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      ratios.add(a.get(i) / b.get(i));
    }
    return Stats.of(ratios);
  }

  private static List<String> nodeJvm() {
    List<String> options = new ArrayList<>(List.of("-Xmx768m"));
    String extra = System.getProperty("bench.node-jvm", "").trim();
    if (!extra.isEmpty()) {
      options.addAll(List.of(extra.split("\\s+")));
    }
    return options;
  }

  static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }

  /**
   * The postgres profile's production settings on the embedded PostgreSQL; one archive for all
   * nodes.
   */
  static List<String> postgresArguments() {
    return postgresArguments(postgres.getJdbcUrl("postgres", "postgres"));
  }

  static List<String> postgresArguments(String jdbcUrl) {
    return List.of(
        "--spring.datasource.url=" + jdbcUrl,
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=",
        "--deployment-request.archive.directory=" + WORK.resolve("pg-archive").toAbsolutePath());
  }

  /**
   * A benchmark node in its own folder under target/benchmark, mail to the benchmark's SMTP server.
   */
  static AppNode node(String name, String profiles, List<String> arguments) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--spring.profiles.active=demo,bench" + (profiles.isEmpty() ? "" : "," + profiles),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + SMTP.port(),
                "--logging.level.root=WARN"));
    all.addAll(AppNode.WITHOUT_START_LIMITS);
    all.addAll(arguments);
    return new AppNode(
        name, AppNode.freePort(), NODE_JVM, all, WORK.resolve(name).resolve("node.log"));
  }
}
