package in.bontonsoftwares.deploymentrequest.archive;

import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Step;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Component;

/**
 * The steps a request went through, from the engine's history: named events, tasks and timers with
 * their timestamps and, for user tasks, the person who completed them; the health checks' rounds
 * (dozens in a watch window, each in the record's health checks) as one step, <em>Watch the
 * deployment</em>. One source for the record and the documentation mail.
 */
@Component
public class StepHistory {

  private static final Set<String> STEP_TYPES =
      Set.of(
          "startEvent",
          "userTask",
          "serviceTask",
          "intermediateTimer",
          "boundaryTimer",
          "boundaryMessage",
          "noneEndEvent");

  /** The elements of a health check round: not steps of their own. */
  private static final Set<String> ROUNDS =
      Set.of(
          Element.START_WATCH_DEPLOYMENT,
          Element.CHECK_HEALTH_IN_WATCH_WINDOW,
          Element.TIMER_NEXT_HEALTH_CHECK,
          Element.END_WATCH_OVER);

  private final HistoryService historyService;

  StepHistory(HistoryService historyService) {
    this.historyService = historyService;
  }

  public List<Step> steps(String processInstanceId) {
    Map<String, String> completedBy = completedBy(processInstanceId);
    List<Step> steps = new ArrayList<>();
    for (HistoricActivityInstance activity :
        historyService
            .createHistoricActivityInstanceQuery()
            .processInstanceId(processInstanceId)
            .orderByHistoricActivityInstanceStartTime()
            .asc()
            .orderPartiallyByOccurrence()
            .asc()
            .list()) {
      boolean step =
          STEP_TYPES.contains(activity.getActivityType())
              || Element.WATCH_DEPLOYMENT.equals(activity.getActivityId());
      if (step
          && activity.getActivityName() != null
          && !ROUNDS.contains(activity.getActivityId())) {
        String user =
            activity.getTaskId() == null
                ? null
                : completedBy.getOrDefault(activity.getTaskId(), activity.getAssignee());
        steps.add(
            new Step(
                activity.getActivityId(),
                activity.getActivityName(),
                activity.getActivityType(),
                instant(activity.getStartTime()),
                instant(activity.getEndTime()),
                user));
      }
    }
    return steps;
  }

  /**
   * Who completed each task, from the user operation log (the assignee where nobody was signed in).
   */
  private Map<String, String> completedBy(String processInstanceId) {
    Map<String, String> users = new HashMap<>();
    for (UserOperationLogEntry entry :
        historyService
            .createUserOperationLogQuery()
            .processInstanceId(processInstanceId)
            .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
            .list()) {
      if (entry.getTaskId() != null && entry.getUserId() != null) {
        users.put(entry.getTaskId(), entry.getUserId());
      }
    }
    return users;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
