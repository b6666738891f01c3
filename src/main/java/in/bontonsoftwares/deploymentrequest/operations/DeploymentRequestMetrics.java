package in.bontonsoftwares.deploymentrequest.operations;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the engine's tables at each scrape, so that they are right on every node of a
 * cluster and after a restart: requests by state, review SLA breaches, failing jobs. Mail failures
 * are counted by {@code MailService}.
 */
@Component
class DeploymentRequestMetrics implements MeterBinder {

  private static final Map<String, String> OUTCOMES =
      Map.of(
          "deployed", Element.END_DEPLOYED,
          "rolled_back", Element.END_ROLLED_BACK,
          "rejected", Element.END_REJECTED,
          "withdrawn", Element.END_WITHDRAWN);

  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final Clock clock;

  DeploymentRequestMetrics(
      RuntimeService runtimeService,
      HistoryService historyService,
      TaskService taskService,
      ManagementService managementService,
      Clock clock) {
    this.clock = clock;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.taskService = taskService;
    this.managementService = managementService;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(
            "deployment.requests",
            () ->
                runtimeService
                    .createProcessInstanceQuery()
                    .processDefinitionKey(DeploymentRequestProcess.KEY)
                    .count())
        .description("Deployment requests by state")
        .tag("state", "open")
        .register(registry);
    OUTCOMES.forEach(
        (outcome, endEvent) ->
            Gauge.builder(
                    "deployment.requests",
                    () ->
                        historyService
                            .createHistoricActivityInstanceQuery()
                            .activityId(endEvent)
                            .finished()
                            .count())
                .description("Deployment requests by state")
                .tag("state", outcome)
                .register(registry));
    Gauge.builder(
            "deployment.review.sla.breaches",
            () ->
                historyService
                    .createHistoricActivityInstanceQuery()
                    .activityId(Element.TIMER_REVIEW_OVERDUE)
                    .count())
        .description("Reviews that passed their SLA (escalations sent)")
        .register(registry);
    Gauge.builder(
            "deployment.review.overdue",
            () ->
                taskService
                    .createTaskQuery()
                    .taskDefinitionKey(Element.REVIEW_REQUEST)
                    .dueBefore(Date.from(clock.instant()))
                    .count())
        .description("Reviews open beyond their due date now")
        .register(registry);
    Gauge.builder(
            "deployment.jobs.failing",
            () -> managementService.createJobQuery().withException().withRetriesLeft().count())
        .description("Jobs that failed and will be retried")
        .register(registry);
    Gauge.builder("deployment.jobs.incidents", () -> runtimeService.createIncidentQuery().count())
        .description("Jobs out of retries: incidents to resolve in Cockpit")
        .register(registry);
  }
}
