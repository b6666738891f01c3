package in.bontonsoftwares.deploymentrequest.bench;

import org.camunda.bpm.engine.ManagementService;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * On benchmark nodes only (profile "bench", from the test class path): writes the engine's metrics
 * collected in memory (jobs run, failed acquisitions, ...) to the database at once, instead of at
 * the next 15-minute report, so that the benchmark can read them per repetition from Camunda's
 * {@code /metrics/{name}/sum}.
 */
@RestController
@Profile("bench")
class BenchNodeController {

  private final ManagementService managementService;

  BenchNodeController(ManagementService managementService) {
    this.managementService = managementService;
  }

  @PostMapping("/bench/report-metrics")
  void reportMetrics() {
    managementService.reportDbMetricsNow();
  }
}
