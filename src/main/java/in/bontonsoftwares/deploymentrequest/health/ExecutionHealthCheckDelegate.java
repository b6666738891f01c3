package in.bontonsoftwares.deploymentrequest.health;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.DEPLOYMENT_STARTED_AT;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.EXECUTION_OUTCOME;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REQUEST_NUMBER;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ROLLBACK_REASON;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Message;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.time.Instant;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * "Check health during execution", each time the timer on "Execute deployment" is due: once the
 * deployment has started (a pipeline reported it, or someone claimed the task), one probe round
 * over the results since the task began (a rescheduled deployment starts over). When the analysis
 * FAILED, a critical issue: {@code DeploymentFailed} interrupts the task with the reason, as a
 * pipeline's failure report would, and the roll-back path follows at once.
 */
@Component("checkHealthDuringExecution")
class ExecutionHealthCheckDelegate implements JavaDelegate {

  private final HealthChecks checks;
  private final TaskService tasks;
  private final RuntimeService runtime;

  ExecutionHealthCheckDelegate(HealthChecks checks, TaskService tasks, RuntimeService runtime) {
    this.checks = checks;
    this.tasks = tasks;
    this.runtime = runtime;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ProcessVariables v = ProcessVariables.of(execution);
    String number = v.text(REQUEST_NUMBER);
    Task task =
        tasks
            .createTaskQuery()
            .processInstanceId(execution.getProcessInstanceId())
            .taskDefinitionKey(Element.EXECUTE_DEPLOYMENT)
            .singleResult();
    AnalysisState state = null;
    if (task != null) {
      Instant since = task.getCreateTime().toInstant();
      boolean started =
          task.getAssignee() != null
              || v.get(DEPLOYMENT_STARTED_AT) != null
              || checks.measuredSince(number, Phase.EXECUTION, since);
      if (started) {
        state = checks.probe(number, Phase.EXECUTION, since).state();
      }
    }
    if (state == AnalysisState.FAILED) {
      // nothing waits for it when the task ended meanwhile: the watch window checks again
      runtime
          .createMessageCorrelation(Message.DEPLOYMENT_FAILED)
          .processInstanceId(execution.getProcessInstanceId())
          .setVariable(EXECUTION_OUTCOME.name(), Value.OUTCOME_CRITICAL_ISSUE)
          .setVariable(ROLLBACK_REASON.name(), checks.failureReason(number, Phase.EXECUTION))
          .correlateAll();
    }
  }
}
