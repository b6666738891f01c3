package in.bontonsoftwares.deploymentrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which listeners the model registers on its user tasks: separation of duties first on every
 * guarded task, then the completion checks of the task's own feature, one bean per task; on
 * "Execute deployment" a claim allowed starts the health checks during execution.
 */
class TaskListenersModelTest {

  private static final String SEPARATION_OF_DUTIES = "${separationOfDuties}";

  /** The completion checks of each task, next to the feature it belongs to. */
  private static final Map<String, String> COMPLETION_CHECKS =
      Map.ofEntries(
          Map.entry(Element.COMPLETE_CHECKLIST, "${completeChecklistListener}"),
          Map.entry(Element.AMEND_REQUEST, "${amendRequestListener}"),
          Map.entry(Element.REVIEW_REQUEST, "${reviewRequestListener}"),
          Map.entry(Element.SCHEDULE_DEPLOYMENT, "${scheduleDeploymentListener}"),
          Map.entry(Element.APPROVE_BREAK_GLASS, "${approveBreakGlassListener}"),
          Map.entry(Element.EXECUTE_DEPLOYMENT, "${executeDeploymentListener}"),
          Map.entry(Element.VERIFY_HEALTH, "${verifyHealthListener}"),
          Map.entry(Element.RUN_SMOKE_TESTS, "${runSmokeTestsListener}"),
          Map.entry(Element.VALIDATE_QA, "${validateQaListener}"),
          Map.entry(Element.ROLL_BACK_DEPLOYMENT, "${rollBackDeploymentListener}"),
          Map.entry(Element.DECIDE_ON_HEALTH, "${decideOnHealthListener}"),
          Map.entry(Element.DOCUMENT_DEPLOYMENT, "${documentDeploymentListener}"));

  /** What else runs when a task is claimed, after separation of duties allowed it. */
  private static final Map<String, List<String>> ON_ASSIGNMENT_AFTER_THE_GUARD =
      Map.of(Element.EXECUTE_DEPLOYMENT, List.of("${startExecutionHealthChecks}"));

  private static BpmnModelInstance model;

  @BeforeAll
  static void readModel() throws Exception {
    try (InputStream in =
        TaskListenersModelTest.class.getResourceAsStream("/" + DeploymentRequestProcess.RESOURCE)) {
      model = Bpmn.readModelFromStream(in);
    }
  }

  @Test
  void shouldGuardExactlyTheTasksOthersMustDoOnAssignmentAndFirstOnCompletion() {
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      List<String> onAssignment = listeners(task, "assignment");
      List<String> onComplete = listeners(task, "complete");
      if (SeparationOfDuties.GUARDED_TASKS.contains(task.getId())) {
        List<String> expected = new ArrayList<>(List.of(SEPARATION_OF_DUTIES));
        expected.addAll(ON_ASSIGNMENT_AFTER_THE_GUARD.getOrDefault(task.getId(), List.of()));
        assertThat(onAssignment).as(task.getId()).containsExactlyElementsOf(expected);
        assertThat(onComplete).as(task.getId()).first().isEqualTo(SEPARATION_OF_DUTIES);
      } else {
        assertThat(onAssignment).as(task.getId()).doesNotContain(SEPARATION_OF_DUTIES);
        assertThat(onComplete).as(task.getId()).doesNotContain(SEPARATION_OF_DUTIES);
      }
    }
  }

  @Test
  void shouldCheckEachTaskOnCompletionWithItsOwnListener() {
    Map<String, List<String>> checks =
        model.getModelElementsByType(UserTask.class).stream()
            .collect(
                Collectors.toMap(
                    UserTask::getId,
                    task ->
                        listeners(task, "complete").stream()
                            .filter(listener -> !listener.equals(SEPARATION_OF_DUTIES))
                            .toList()));
    assertThat(checks.keySet()).containsExactlyInAnyOrderElementsOf(COMPLETION_CHECKS.keySet());
    COMPLETION_CHECKS.forEach(
        (task, listener) -> assertThat(checks.get(task)).as(task).containsExactly(listener));
    UserTask schedule = model.getModelElementById(Element.SCHEDULE_DEPLOYMENT);
    assertThat(listeners(schedule, "create")).containsExactly("${scheduleDeploymentListener}");
  }

  private static List<String> listeners(UserTask task, String event) {
    return task
        .getExtensionElements()
        .getElementsQuery()
        .filterByType(CamundaTaskListener.class)
        .list()
        .stream()
        .filter(listener -> event.equals(listener.getCamundaEvent()))
        .map(CamundaTaskListener::getCamundaDelegateExpression)
        .toList();
  }
}
