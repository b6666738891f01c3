package in.bontonsoftwares.deploymentrequest.bench;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * On benchmark nodes only (profile "bench", from the test class path): writes the engine's metrics
 * collected in memory (jobs run, failed acquisitions, ...) to the database at once, instead of at
 * the next 15-minute report, so that the benchmark can read them per repetition from Camunda's
 * {@code /metrics/{name}/sum}; and tells the gate benchmark what the JVM holds ({@link
 * #jvm(boolean)}).
 */
@RestController
@Profile("bench")
class BenchNodeController {

  private final ManagementService managementService;
  private final ApplicationContext context;
  private final MeterRegistry meters;

  BenchNodeController(
      ManagementService managementService, ApplicationContext context, MeterRegistry meters) {
    this.managementService = managementService;
    this.context = context;
    this.meters = meters;
  }

  @PostMapping("/bench/report-metrics")
  void reportMetrics() {
    managementService.reportDbMetricsNow();
  }

  /**
   * With {@code gc}, after a full GC (twice, for what the first one only queued for finalization):
   * the heap in use (what {@code jvm.memory.used} of the heap areas would add up to at that
   * moment), the live threads ({@code jvm.threads.live}), Tomcat's open connections and its worker
   * threads (all, busy), the waiting gate calls ({@code deployment.gate.waiting}), and the CPU time
   * of the process and of the gate's thread "gate-waits" so far.
   */
  @PostMapping("/bench/jvm")
  Map<String, Object> jvm(@RequestParam(defaultValue = "true") boolean gc) {
    if (gc) {
      System.gc();
      System.gc();
    }
    Map<String, Object> jvm = new LinkedHashMap<>();
    jvm.put("heapUsedBytes", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    jvm.put("liveThreads", threads.getThreadCount());
    Connector connector =
        ((TomcatWebServer) ((WebServerApplicationContext) context).getWebServer())
            .getTomcat()
            .getConnector();
    AbstractProtocol<?> protocol = (AbstractProtocol<?>) connector.getProtocolHandler();
    jvm.put("tomcatConnections", protocol.getConnectionCount());
    if (protocol.getExecutor() instanceof ThreadPoolExecutor pool) {
      jvm.put("tomcatThreads", pool.getPoolSize());
      jvm.put("tomcatBusyThreads", pool.getActiveCount());
    }
    Gauge waiting = meters.find("deployment.gate.waiting").gauge();
    jvm.put("gateWaiting", waiting == null ? -1 : (long) waiting.value());
    long gateWaitsCpu = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().equals("gate-waits")) {
        gateWaitsCpu = threads.getThreadCpuTime(info.getThreadId());
      }
    }
    jvm.put("gateWaitsCpuNanos", gateWaitsCpu);
    Map<String, Integer> pools = new java.util.TreeMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null) {
        pools.merge(info.getThreadName().replaceAll("[0-9]+$", "#"), 1, Integer::sum);
      }
    }
    jvm.put("threadsByName", pools);
    jvm.put(
        "processCpuNanos",
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime());
    return jvm;
  }
}
