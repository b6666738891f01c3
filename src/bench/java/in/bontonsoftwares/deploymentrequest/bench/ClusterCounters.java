package in.bontonsoftwares.deploymentrequest.bench;

import in.bontonsoftwares.deploymentrequest.node.AppNode;
import in.bontonsoftwares.deploymentrequest.node.EngineRest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * R6's contention figures, read around a measured run: Camunda's own job metrics, written by every
 * node to the shared database ({@code /metrics/{name}/sum}), and the optimistic-locking failures
 * the nodes log when two of them change the same execution (ENGINE-14006 ...
 * OptimisticLockingException, logged at WARN by Camunda's job executor).
 */
final class ClusterCounters {

  private static final String JOBS = "job-successful";
  private static final String FAILED_JOBS = "job-failed";
  private static final String ACQUISITIONS = "job-acquisition-attempt";
  private static final String FAILED_ACQUISITIONS = "job-acquired-failure";

  private final List<AppNode> nodes;
  private final EngineRest rest;

  ClusterCounters(AppNode... nodes) {
    this.nodes = List.of(nodes);
    this.rest = new EngineRest(nodes[0]::baseUrl);
  }

  /** Counts over the measured runs; rates per 1,000 jobs run. */
  static final class Delta {

    private long jobs;
    private long failedJobs;
    private long acquisitions;
    private long failedAcquisitions;
    private long optimisticLocking;
    private long lifecycles;
    private double nodeCpu;
    private double databaseCpu;

    String summary() {
      return String.format(
          Locale.ROOT,
          "%,d jobs run, %.1f optimistic-locking exceptions, %.1f failed job "
              + "acquisitions (jobs another node locked first), %.1f failed jobs, %.0f acquisition attempts; CPU per "
              + "request: app nodes %.0f ms, PostgreSQL %.0f ms",
          jobs,
          perThousand(optimisticLocking),
          perThousand(failedAcquisitions),
          perThousand(failedJobs),
          perThousand(acquisitions),
          1000 * nodeCpu / lifecycles,
          1000 * databaseCpu / lifecycles);
    }

    private double perThousand(long count) {
      return jobs == 0 ? 0 : 1000.0 * count / jobs;
    }
  }

  interface Run {
    LifecycleDriver.Run run() throws Exception;
  }

  /** Runs {@code run}, adds what it cost to {@code into}; returns its lifecycles per second. */
  double measure(Delta into, Run run) throws Exception {
    Map<String, Long> before = snapshot();
    double nodeCpuBefore = Cpu.seconds(nodes.stream().map(AppNode::pid).toList());
    List<Double> eachBefore = nodes.stream().map(node -> Cpu.seconds(List.of(node.pid()))).toList();
    double databaseCpuBefore = Cpu.seconds(Cpu.processesNamed("postgres"));
    LifecycleDriver.Run measured = run.run();
    double nodeCpu = Cpu.seconds(nodes.stream().map(AppNode::pid).toList()) - nodeCpuBefore;
    double databaseCpu = Cpu.seconds(Cpu.processesNamed("postgres")) - databaseCpuBefore;
    StringBuilder each = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      each.append(
          String.format(
              Locale.ROOT,
              " %s %.0f",
              nodes.get(i).name(),
              1000
                  * (Cpu.seconds(List.of(nodes.get(i).pid())) - eachBefore.get(i))
                  / measured.instances()));
    }
    System.out.printf(
        Locale.ROOT,
        "    CPU per request: app nodes %.0f ms (%s), PostgreSQL %.0f ms%n",
        1000 * nodeCpu / measured.instances(),
        each.toString().trim(),
        1000 * databaseCpu / measured.instances());
    into.nodeCpu += nodeCpu;
    into.databaseCpu += databaseCpu;
    into.lifecycles += measured.instances();
    double perSecond = measured.perSecond();
    Map<String, Long> after = snapshot();
    into.jobs += after.get(JOBS) - before.get(JOBS);
    into.failedJobs += after.get(FAILED_JOBS) - before.get(FAILED_JOBS);
    into.acquisitions += after.get(ACQUISITIONS) - before.get(ACQUISITIONS);
    into.failedAcquisitions += after.get(FAILED_ACQUISITIONS) - before.get(FAILED_ACQUISITIONS);
    into.optimisticLocking += after.get("ole") - before.get("ole");
    return perSecond;
  }

  private Map<String, Long> snapshot() {
    for (AppNode node : nodes) {
      if (!node.suspended()) {
        new EngineRest(node::baseUrl).call("admin", "POST", "/bench/report-metrics", null);
      }
    }
    long ole = 0;
    for (AppNode node : nodes) {
      try (var lines = Files.lines(node.log())) {
        ole += lines.filter(line -> line.contains("OptimisticLockingException")).count();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Map.of(
        JOBS,
        sum(JOBS),
        FAILED_JOBS,
        sum(FAILED_JOBS),
        ACQUISITIONS,
        sum(ACQUISITIONS),
        FAILED_ACQUISITIONS,
        sum(FAILED_ACQUISITIONS),
        "ole",
        ole);
  }

  private long sum(String metric) {
    return rest.call("admin", "GET", "/engine-rest/metrics/" + metric + "/sum", null)
        .get("result")
        .asLong();
  }
}
