package in.bontonsoftwares.deploymentrequest.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The health checks on {@code /actuator/prometheus}, per node: {@code
 * deployment_health_probes_total{check,environment,verdict}} (measurements taken), {@code
 * deployment_health_analyses_total{environment,phase,state}} (analyses finished) and {@code
 * deployment_health_rollback_webhooks_total{environment,outcome}} (webhook deliveries). Check names
 * come from the configuration (and the one request check), so the tags stay few.
 */
@Component
class HealthMetrics {

  private final MeterRegistry registry;

  HealthMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void probed(String environment, ProbeResult result) {
    Counter.builder("deployment.health.probes")
        .description("Health check measurements taken by this node")
        .tag("check", result.check())
        .tag("environment", environment)
        .tag("verdict", result.verdict().name())
        .register(registry)
        .increment();
  }

  void finished(String environment, Phase phase, AnalysisState state) {
    Counter.builder("deployment.health.analyses")
        .description("Health analyses finished on this node")
        .tag("environment", environment)
        .tag("phase", phase.name())
        .tag("state", state.name())
        .register(registry)
        .increment();
  }

  void webhook(String environment, String outcome) {
    Counter.builder("deployment.health.rollback.webhooks")
        .description("Rollback webhook deliveries by this node")
        .tag("environment", environment)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
