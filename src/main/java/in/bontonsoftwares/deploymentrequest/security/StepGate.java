package in.bontonsoftwares.deploymentrequest.security;

import in.bontonsoftwares.deploymentrequest.request.RequestValidationException;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import in.bontonsoftwares.deploymentrequest.security.StepForms.Fields;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The gate inside the engine, in front of every command a signed-in person sends, whatever the door
 * (engine REST, the webapps' API, the Java API): a start or a task accepts only the fields its
 * deployed form lets a person edit, and operations that move a request outside its model are for
 * {@code camunda-admin} only. It refuses before the command runs, so a refusal changes nothing: no
 * variable, no retry, no incident, no user-operation log entry.
 *
 * <p>Commands of the engine itself (the job executor, our delegates and listeners inside a command,
 * the app's own code without a signed-in person) pass: they are the steps that own what they write.
 *
 * <p>It reads the commands' fields by name. Camunda 7.24 is the last release of Camunda 7, so they
 * do not move; {@code StepGateCommandsTest} fails if one does.
 */
final class StepGate extends CommandInterceptor {

  /**
   * Engine operations that move a request outside its model: start at an activity, modify, restart,
   * run a job by hand, change a job's retries, due date, priority or state, a task's due date or
   * delegation, throw a BPMN error or escalation from a task, set or remove a request's variables
   * outside a step, send messages and signals (the process waits for none). Subclasses count too.
   */
  static final List<String> ADMIN_ONLY =
      List.of(
          "org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd",
          "org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd",
          "org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd",
          "org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd",
          "org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd",
          "org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd",
          "org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd",
          "org.camunda.bpm.engine.impl.cmd.AbstractSetJobsRetriesBatchCmd",
          "org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd",
          "org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd",
          "org.camunda.bpm.engine.impl.cmd.SetJobPriorityCmd",
          "org.camunda.bpm.engine.impl.cmd.SetJobDefinitionPriorityCmd",
          "org.camunda.bpm.engine.impl.cmd.AbstractSetJobStateCmd",
          "org.camunda.bpm.engine.impl.cmd.AbstractSetJobDefinitionStateCmd",
          "org.camunda.bpm.engine.impl.cmd.AbstractSetProcessInstanceStateCmd",
          "org.camunda.bpm.engine.impl.cmd.DeleteJobCmd",
          "org.camunda.bpm.engine.impl.cmd.UnlockJobCmd",
          "org.camunda.bpm.engine.impl.cmd.SetTaskDueDateCmd",
          // resolving hands a delegated task back to its owner; the process delegates none
          "org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd",
          // a BPMN error or escalation thrown from a user task: the process catches none, so it
          // would end the request
          "org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd",
          "org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd",
          "org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd",
          "org.camunda.bpm.engine.impl.cmd.RemoveExecutionVariablesCmd",
          "org.camunda.bpm.engine.impl.cmd.PatchExecutionVariablesCmd",
          "org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd",
          "org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd",
          "org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd",
          "org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd",
          "org.camunda.bpm.engine.impl.cmd.SignalCmd",
          "org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd",
          "org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd");

  /**
   * What the engine runs after a job failed, to use up a retry and record the failure. Around a job
   * run by hand that the gate refused, nothing ran and nothing failed: it must not use a retry or
   * open an incident.
   */
  private static final String FAILED_JOB_LISTENER =
      "org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener";

  private static final String SUBMIT_START_FORM =
      "org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd";
  private static final String START = "org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd";
  private static final String SUBMIT_TASK_FORM =
      "org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd";

  /** Also {@code ResolveTaskCmd}, which extends it. */
  private static final String COMPLETE_TASK = "org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd";

  private static final String SET_TASK_VARIABLES =
      "org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd";
  private static final String REMOVE_TASK_VARIABLES =
      "org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd";
  private static final String PATCH_TASK_VARIABLES =
      "org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd";

  private final List<Class<?>> adminOnly;
  private final Class<?> failedJobListener;
  private final Class<?> submitStartForm;
  private final Class<?> start;
  private final Class<?> submitTaskForm;
  private final Class<?> completeTask;
  private final Class<?> setTaskVariables;
  private final Class<?> removeTaskVariables;
  private final Class<?> patchTaskVariables;
  private final Services services;

  /** The engine's services, known only once the engine is built. */
  interface Services {
    IdentityService identity();

    RepositoryService repository();

    TaskService task();

    StepForms forms();
  }

  StepGate(Services services) {
    this.services = services;
    this.adminOnly = ADMIN_ONLY.stream().map(StepGate::type).toList();
    this.failedJobListener = type(FAILED_JOB_LISTENER);
    this.submitStartForm = type(SUBMIT_START_FORM);
    this.start = type(START);
    this.submitTaskForm = type(SUBMIT_TASK_FORM);
    this.completeTask = type(COMPLETE_TASK);
    this.setTaskVariables = type(SET_TASK_VARIABLES);
    this.removeTaskVariables = type(REMOVE_TASK_VARIABLES);
    this.patchTaskVariables = type(PATCH_TASK_VARIABLES);
  }

  @Override
  public <T> T execute(Command<T> command) {
    // only what a person sends: not the commands our own code issues inside a running command
    if (Context.getCommandContext() == null && Context.getJobExecutorContext() == null) {
      Authentication person = services.identity().getCurrentAuthentication();
      if (AdminOnly.refuses(person)) {
        if (failedJobListener.isInstance(command)) {
          return null; // the job run it follows was refused here: nothing to record
        }
        check(command, person);
      }
    }
    return next.execute(command);
  }

  private void check(Command<?> command, Authentication person) {
    Class<?> type = command.getClass();
    if (adminOnly.stream().anyMatch(admin -> admin.isAssignableFrom(type))) {
      throw AdminOnly.refusal(person.getUserId());
    }
    withoutPerson(
        person,
        () -> {
          if (submitStartForm.isAssignableFrom(type)) {
            startFields(field(command, "processDefinitionId"), field(command, "variables"));
          } else if (start.isAssignableFrom(type)) {
            ProcessInstantiationBuilderImpl builder = field(command, "instantiationBuilder");
            startFields(definitionId(builder), builder.getVariables());
          } else if (submitTaskForm.isAssignableFrom(type)) {
            taskFields(command, "taskId", "properties", null);
          } else if (completeTask.isAssignableFrom(type)) {
            taskFields(command, "taskId", "variables", null);
          } else if (setTaskVariables.isAssignableFrom(type)) {
            taskFields(command, "entityId", "variables", null);
          } else if (removeTaskVariables.isAssignableFrom(type)) {
            taskFields(command, "entityId", null, "variableNames");
          } else if (patchTaskVariables.isAssignableFrom(type)) {
            taskFields(command, "entityId", "variables", "deletions");
          }
        });
  }

  private void startFields(String processDefinitionId, Map<String, Object> variables) {
    if (variables == null || variables.isEmpty() || processDefinitionId == null) {
      return;
    }
    refuse(
        "the start form",
        variables,
        Set.of(),
        services.forms().ofStart(processDefinitionId),
        key -> null);
  }

  /**
   * Checks a task's variables and removals; unchanged read-only context is taken out of the
   * command.
   */
  private void taskFields(
      Command<?> command, String taskIdField, String variablesField, String removalsField) {
    String taskId = field(command, taskIdField);
    Map<String, Object> variables = variablesField == null ? null : field(command, variablesField);
    Collection<String> removals = removalsField == null ? null : field(command, removalsField);
    if ((variables == null || variables.isEmpty()) && (removals == null || removals.isEmpty())) {
      return;
    }
    Task task = services.task().createTaskQuery().taskId(taskId).singleResult();
    if (task == null || task.getProcessDefinitionId() == null) {
      return; // the command itself says that there is no such task
    }
    Fields fields = services.forms().of(task.getProcessDefinitionId(), task.getTaskDefinitionKey());
    Set<String> removed = removals == null ? Set.of() : Set.copyOf(removals);
    Map<String, Object> kept =
        refuse(
            "the form of \"" + task.getName() + "\"",
            variables == null ? Map.of() : variables,
            removed,
            fields,
            key -> services.task().getVariable(taskId, key));
    if (variables != null && kept.size() < variables.size()) {
      setField(command, variablesField, kept);
    }
  }

  /**
   * Refuses fields outside the form and values a form cannot hold. Read-only context the form sends
   * back unchanged (Tasklist submits every field of a form) is dropped, so that nobody writes it;
   * changed, it is refused.
   */
  private Map<String, Object> refuse(
      String form,
      Map<String, Object> variables,
      Set<String> removals,
      Fields fields,
      Function<String, Object> current) {
    Set<String> notEditable = new TreeSet<>();
    List<String> unchangedContext = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String key : variables.keySet()) {
      Object value = value(variables, key);
      if (!fields.editable().contains(key)) {
        if (fields.readOnly().contains(key) && unchanged(value, current.apply(key))) {
          unchangedContext.add(key);
        } else {
          notEditable.add(key);
        }
        continue;
      }
      if (value != null
          && !(value instanceof String
              || value instanceof Boolean
              || value instanceof Number
              || value instanceof Date)) {
        problems.add("%s must be a text, a number, a yes/no or a date.".formatted(key));
      } else if (value instanceof String text && text.length() > RequestValidator.MAX_TEXT_LENGTH) {
        problems.add(
            "%s is too long (%d characters, at most %d)."
                .formatted(key, text.length(), RequestValidator.MAX_TEXT_LENGTH));
      }
    }
    removals.stream().filter(key -> !fields.editable().contains(key)).forEach(notEditable::add);
    if (!notEditable.isEmpty()) {
      problems.add(
          0,
          "These fields are not part of %s and cannot be set or removed here: %s."
              .formatted(form, String.join(", ", notEditable)));
    }
    if (!problems.isEmpty()) {
      throw new RequestValidationException(problems);
    }
    if (unchangedContext.isEmpty()) {
      return variables;
    }
    VariableMap kept = Variables.createVariables();
    variables.keySet().stream()
        .filter(key -> !unchangedContext.contains(key))
        .forEach(
            key ->
                kept.putValueTyped(
                    key,
                    variables instanceof VariableMap typed
                        ? typed.getValueTyped(key)
                        : Variables.untypedValue(variables.get(key))));
    return kept;
  }

  /**
   * Whether read-only context came back as it is: also an empty text for a variable the request
   * does not have (form-js sends {@code ""} for an empty text field, e.g. the commit of a request
   * filed without one), which the process reads as absent anyway.
   */
  private static boolean unchanged(Object sent, Object current) {
    return Objects.equals(sent, current) || (isEmptyText(sent) && isEmptyText(current));
  }

  private static boolean isEmptyText(Object value) {
    return value == null || (value instanceof String text && text.isBlank());
  }

  private static Object value(Map<String, Object> variables, String key) {
    Object value =
        variables instanceof VariableMap typed ? typed.getValueTyped(key) : variables.get(key);
    if (value instanceof TypedValue typedValue) {
      if (typedValue.getType() != null && !typedValue.getType().isPrimitiveValueType()) {
        return typedValue; // an object, JSON, XML or file: no form field holds one
      }
      return typedValue.getValue();
    }
    return value;
  }

  private String definitionId(ProcessInstantiationBuilderImpl builder) {
    if (builder.getProcessDefinitionId() != null) {
      return builder.getProcessDefinitionId();
    }
    if (builder.getProcessDefinitionKey() == null) {
      return null;
    }
    ProcessDefinition latest =
        services
            .repository()
            .createProcessDefinitionQuery()
            .processDefinitionKey(builder.getProcessDefinitionKey())
            .withoutTenantId()
            .latestVersion()
            .singleResult();
    return latest == null ? null : latest.getId();
  }

  /**
   * Looks up forms and tasks as the engine, not as the person: they need not be allowed to read
   * deployments.
   */
  private void withoutPerson(Authentication person, Runnable lookup) {
    IdentityService identity = services.identity();
    identity.clearAuthentication();
    try {
      lookup.run();
    } finally {
      identity.setAuthentication(person);
    }
  }

  @SuppressWarnings("unchecked")
  static <V> V field(Object command, String name) {
    try {
      return (V) declared(command, name).get(command);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void setField(Object command, String name, Object value) {
    try {
      declared(command, name).set(command, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Field declared(Object command, String name) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
      } catch (NoSuchFieldException notHere) {
        // a superclass declares it
      }
    }
    throw new IllegalStateException(
        command.getClass().getName()
            + " has no field "
            + name
            + "; the step gate does not know this Camunda version");
  }

  static Class<?> type(String name) {
    try {
      return Class.forName(name, false, StepGate.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "The step gate guards " + name + ", which this Camunda version lacks", e);
    }
  }
}
