package in.bontonsoftwares.deploymentrequest.health;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.DEPLOYMENT_STARTED_AT;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REQUEST_NUMBER;
import static in.bontonsoftwares.deploymentrequest.process.ExecutionHealthChecksProcess.DEPLOYMENT_TASK_ID;
import static in.bontonsoftwares.deploymentrequest.process.ExecutionHealthChecksProcess.REQUEST_PROCESS_INSTANCE_ID;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.ExecutionHealthChecksProcess;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts "Health checks during execution" once the deployment has started: when "Execute
 * deployment" is claimed (task listener, {@code assignment}) or a pipeline reports the start
 * (execution listener on "Pipeline reports start"). A request without any check during execution
 * gets no rounds; a task has at most one run of them (claimed again, or claimed after the
 * pipeline's report: the running one goes on).
 */
@Component("startExecutionHealthChecks")
public class ExecutionHealthChecksStarter implements TaskListener, ExecutionListener {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionHealthChecksStarter.class);

  private final HealthChecks checks;
  private final RuntimeService runtime;
  private final TaskService tasks;

  ExecutionHealthChecksStarter(HealthChecks checks, RuntimeService runtime, TaskService tasks) {
    this.checks = checks;
    this.runtime = runtime;
    this.tasks = tasks;
  }

  @Override
  public void notify(DelegateTask task) {
    if (task.getAssignee() != null) {
      start(
          ProcessVariables.of(task).text(REQUEST_NUMBER),
          task.getProcessInstanceId(),
          task.getId());
    }
  }

  @Override
  public void notify(DelegateExecution execution) {
    Task task = deploymentTask(execution.getProcessInstanceId());
    if (task != null) {
      start(ProcessVariables.of(execution).text(REQUEST_NUMBER), task);
    }
  }

  /**
   * For a request whose deployment had started before its rounds could (one migrated from an
   * earlier model): starts them when "Execute deployment" is open and claimed, or a pipeline
   * reported the start.
   */
  public void startFor(String requestProcessInstanceId) {
    Task task = deploymentTask(requestProcessInstanceId);
    if (task != null
        && (task.getAssignee() != null
            || runtime.getVariable(requestProcessInstanceId, DEPLOYMENT_STARTED_AT.name())
                != null)) {
      start((String) runtime.getVariable(requestProcessInstanceId, REQUEST_NUMBER.name()), task);
    }
  }

  private Task deploymentTask(String requestProcessInstanceId) {
    return tasks
        .createTaskQuery()
        .processInstanceId(requestProcessInstanceId)
        .taskDefinitionKey(Element.EXECUTE_DEPLOYMENT)
        .singleResult();
  }

  private void start(String number, Task task) {
    start(number, task.getProcessInstanceId(), task.getId());
  }

  private void start(String number, String requestProcessInstanceId, String taskId) {
    if (!checks.checksDuringExecution(number)) {
      return;
    }
    boolean running =
        runtime
                .createProcessInstanceQuery()
                .processDefinitionKey(ExecutionHealthChecksProcess.KEY)
                .processInstanceBusinessKey(ExecutionHealthChecksProcess.businessKey(number))
                .variableValueEquals(DEPLOYMENT_TASK_ID.name(), taskId)
                .count()
            > 0;
    if (running) {
      return;
    }
    runtime.startProcessInstanceByKey(
        ExecutionHealthChecksProcess.KEY,
        ExecutionHealthChecksProcess.businessKey(number),
        Map.of(
            REQUEST_NUMBER.name(), number,
            REQUEST_PROCESS_INSTANCE_ID.name(), requestProcessInstanceId,
            DEPLOYMENT_TASK_ID.name(), taskId));
    LOG.info("{}: the deployment started, health checks during execution begin", number);
  }
}
