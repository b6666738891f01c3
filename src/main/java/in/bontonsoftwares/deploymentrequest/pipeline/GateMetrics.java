package in.bontonsoftwares.deploymentrequest.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The gate on {@code /actuator/prometheus}: {@code deployment_gate_waiting} (gate calls waiting on
 * this node now) and {@code deployment_gate_answers_total{decision}} (answers given by this node).
 */
@Component
class GateMetrics {

  private final Map<GateDecision.Decision, Counter> answers =
      new EnumMap<>(GateDecision.Decision.class);

  GateMetrics(MeterRegistry registry, GateWaits waits) {
    Gauge.builder("deployment.gate.waiting", waits, GateWaits::waiting)
        .description("Gate calls waiting for their answer on this node")
        .register(registry);
    for (GateDecision.Decision decision : GateDecision.Decision.values()) {
      answers.put(
          decision,
          Counter.builder("deployment.gate.answers")
              .description("Gate answers given by this node")
              .tag("decision", decision.name())
              .register(registry));
    }
  }

  void answered(GateDecision decision) {
    answers.get(decision.decision()).increment();
  }
}
