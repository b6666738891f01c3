package in.bontonsoftwares.deploymentrequest.process;

/**
 * The contract of {@code bpmn/ExecutionHealthChecks.bpmn}: the health-check rounds of one request
 * while its "Execute deployment" task is open. They run in a process of their own so that a round
 * never changes the request's process (a token beside the task would collide with the person
 * completing it); only a FAILED analysis correlates {@code DeploymentFailed} to the request. Its
 * variables are the request's {@link DeploymentRequestProcess.Data#REQUEST_NUMBER}, {@link
 * #REQUEST_PROCESS_INSTANCE_ID}, {@link #DEPLOYMENT_TASK_ID} and {@link
 * DeploymentRequestProcess.Data#NEXT_HEALTH_CHECK_AT} ({@code null}: the rounds are over).
 */
public final class ExecutionHealthChecksProcess {

  public static final String KEY = "ExecutionHealthChecks";
  public static final String RESOURCE = "bpmn/ExecutionHealthChecks.bpmn";

  /** The request whose execution the rounds check. */
  public static final Variable<String> REQUEST_PROCESS_INSTANCE_ID =
      Variable.text("requestProcessInstanceId");

  /** The "Execute deployment" task the rounds belong to: a rescheduled deployment gets new ones. */
  public static final Variable<String> DEPLOYMENT_TASK_ID = Variable.text("deploymentTaskId");

  public static final String START = "StartEvent_ExecutionHealthChecks";
  public static final String CHECK_HEALTH_DURING_EXECUTION = "Task_CheckHealthDuringExecution";
  public static final String TIMER_NEXT_CHECK = "TimerEvent_NextExecutionCheck";
  public static final String END_CHECKS_OVER = "EndEvent_ExecutionChecksOver";

  private ExecutionHealthChecksProcess() {}

  /** The business key of a request's rounds: {@code DR-2026-0042/execution}. */
  public static String businessKey(String requestNumber) {
    return requestNumber + "/execution";
  }
}
