package in.bontonsoftwares.deploymentrequest.process;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** A user task as its listeners see it, with its variables in a map, for unit tests. */
public final class FakeTask {

  private FakeTask() {}

  public static DelegateTask of(
      String taskKey, String event, String assignee, Map<String, Object> variables) {
    DelegateTask task = mock(DelegateTask.class);
    when(task.getTaskDefinitionKey()).thenReturn(taskKey);
    when(task.getName()).thenReturn(taskKey);
    when(task.getEventName()).thenReturn(event);
    when(task.getAssignee()).thenReturn(assignee);
    when(task.getVariable(anyString())).thenAnswer(call -> variables.get(call.getArgument(0)));
    doAnswer(
            call -> {
              variables.put(call.getArgument(0), call.getArgument(1));
              return null;
            })
        .when(task)
        .setVariable(anyString(), any());
    return task;
  }

  /** Variables from name / value pairs; the map is mutable, so tests see what listeners wrote. */
  public static Map<String, Object> variables(Object... namesAndValues) {
    Map<String, Object> variables = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object name = namesAndValues[i];
      variables.put(
          name instanceof Variable<?> variable ? variable.name() : (String) name,
          namesAndValues[i + 1]);
    }
    return variables;
  }
}
