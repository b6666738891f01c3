package in.bontonsoftwares.deploymentrequest.health;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.EXECUTION_OUTCOME;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.NEXT_HEALTH_CHECK_AT;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REQUEST_NUMBER;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ROLLBACK_REASON;
import static in.bontonsoftwares.deploymentrequest.process.ExecutionHealthChecksProcess.DEPLOYMENT_TASK_ID;
import static in.bontonsoftwares.deploymentrequest.process.ExecutionHealthChecksProcess.REQUEST_PROCESS_INSTANCE_ID;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Message;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * "Check health during execution", a round of the process "Health checks during execution": while
 * the request's "Execute deployment" task is open, one probe round over the results since the task
 * began (a rescheduled deployment starts over), and the next round when one is due. The rounds are
 * over when the task ended or the analysis finished. When it FAILED, a critical issue: {@code
 * DeploymentFailed} interrupts the task with the reason, as a pipeline's failure report would, and
 * the roll-back path follows at once. This is the one moment a round changes the request.
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
    Task task = tasks.createTaskQuery().taskId(v.text(DEPLOYMENT_TASK_ID)).singleResult();
    if (task == null) {
      // the deployment task ended: the watch window, or the roll-back, takes over
      v.set(NEXT_HEALTH_CHECK_AT, null);
      return;
    }
    Instant since = task.getCreateTime().toInstant();
    ProbeOutcome outcome = checks.probe(number, Phase.EXECUTION, since);
    v.set(
        NEXT_HEALTH_CHECK_AT,
        outcome.nextProbeAt() == null ? null : Date.from(outcome.nextProbeAt()));
    if (outcome.state() == AnalysisState.FAILED) {
      runtime
          .createMessageCorrelation(Message.DEPLOYMENT_FAILED)
          .processInstanceId(v.text(REQUEST_PROCESS_INSTANCE_ID))
          .setVariable(EXECUTION_OUTCOME.name(), Value.OUTCOME_CRITICAL_ISSUE)
          .setVariable(ROLLBACK_REASON.name(), checks.failureReason(number, Phase.EXECUTION, since))
          .correlateAll();
    }
  }
}
