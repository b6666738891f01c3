package in.bontonsoftwares.deploymentrequest.request;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * The {@code complete} listener of one user task: it refuses, with every problem named, input that
 * the next steps cannot work with, so that the task stays open and nothing is lost; once the input
 * is accepted it writes what the step owns. Each task's subclass lives in that task's feature.
 */
public abstract class CompletionCheck implements TaskListener {

  protected final RequestValidator validator;

  protected CompletionCheck(RequestValidator validator) {
    this.validator = validator;
  }

  @Override
  public void notify(DelegateTask task) {
    if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
      throw new IllegalStateException(
          getClass().getSimpleName() + " listens to 'complete', not " + task.getEventName());
    }
    ProcessVariables variables = ProcessVariables.of(task);
    Problems problems = new Problems();
    check(variables, problems);
    problems.throwIfAny();
    completed(task, variables);
  }

  /** Adds every problem of the submitted input. */
  protected abstract void check(ProcessVariables variables, Problems problems);

  /** What the step writes once its input is accepted; nothing by default. */
  protected void completed(DelegateTask task, ProcessVariables variables) {}
}
