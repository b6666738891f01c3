package in.bontonsoftwares.deploymentrequest.pipeline;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Step;
import in.bontonsoftwares.deploymentrequest.archive.StepHistory;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.WindowVariables;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicketService;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Puts a request's status document together from its snapshot, tasks, history and ticket. */
@Component
class RequestStatusReader {

  static final String BASE = "/api/deployment-requests/";
  static final String TASKLIST = "/camunda/app/tasklist/default/";

  private final DeploymentRequests requests;
  private final TaskService taskService;
  private final StepHistory stepHistory;
  private final ChangeTicketService tickets;

  RequestStatusReader(
      DeploymentRequests requests,
      TaskService taskService,
      StepHistory stepHistory,
      ChangeTicketService tickets) {
    this.requests = requests;
    this.taskService = taskService;
    this.stepHistory = stepHistory;
    this.tickets = tickets;
  }

  RequestStatus status(RequestSnapshot request) {
    return requests.asEngine(
        () -> {
          String number = request.requestNumber();
          RequestState state = request.state();
          boolean recorded = state.isFinal() && state != RequestState.CANCELLED;
          return new RequestStatus(
              number,
              state,
              state.description(),
              request.get(PROJECT_NAME),
              request.get(APPLICATION_NAME),
              request.get(ENVIRONMENT),
              request.get(VERSION),
              request.get(COMMIT_SHA),
              request.get(PIPELINE_RUN_URL),
              request.get(ARTIFACT_DIGEST),
              new RequestStatus.Person(
                  request.requester(), request.get(REQUESTER_NAME), request.get(REQUESTER_EMAIL)),
              window(request, PREFERRED_WINDOW),
              window(request, CONFIRMED_WINDOW),
              tickets
                  .findByRequestNumber(number)
                  .map(t -> new RequestStatus.Ticket(t.ticketNumber(), t.status().name()))
                  .orElse(null),
              request.ended() ? List.of() : openTasks(request.processInstanceId()),
              timeline(request),
              new RequestStatus.Links(
                  BASE + number,
                  BASE + number + "/gate",
                  BASE + number + "/events",
                  TASKLIST,
                  recorded ? "/api/records/" + number : null,
                  recorded ? "/api/records/" + number + "/pdf" : null));
        });
  }

  private List<RequestStatus.OpenTask> openTasks(String processInstanceId) {
    return taskService
        .createTaskQuery()
        .processInstanceId(processInstanceId)
        .orderByTaskCreateTime()
        .asc()
        .list()
        .stream()
        .map(this::openTask)
        .toList();
  }

  private RequestStatus.OpenTask openTask(Task task) {
    List<String> groups =
        taskService.getIdentityLinksForTask(task.getId()).stream()
            .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
            .map(IdentityLink::getGroupId)
            .filter(Objects::nonNull)
            .sorted()
            .toList();
    return new RequestStatus.OpenTask(
        task.getId(),
        task.getName(),
        task.getTaskDefinitionKey(),
        groups,
        task.getAssignee(),
        instant(task.getCreateTime()),
        instant(task.getDueDate()));
  }

  /** The finished steps; a report of the pipeline is by whoever reported it. */
  private List<RequestStatus.TimelineStep> timeline(RequestSnapshot request) {
    return stepHistory.steps(request.processInstanceId()).stream()
        .filter(step -> step.ended() != null)
        .map(
            step ->
                new RequestStatus.TimelineStep(
                    step.activityId(), step.name(), step.ended(), by(step, request)))
        .toList();
  }

  private static String by(Step step, RequestSnapshot request) {
    if (step.user() != null) {
      return step.user();
    }
    return switch (step.activityId()) {
      case Element.DEPLOYMENT_STARTED, Element.DEPLOYMENT_SUCCEEDED, Element.DEPLOYMENT_FAILED ->
          request.get(DEPLOYMENT_REPORTED_BY);
      case "StartEvent_RequestSubmitted" -> request.requester();
      default -> null;
    };
  }

  private static RequestStatus.Window window(RequestSnapshot request, WindowVariables window) {
    Instant start = request.instant(window.start());
    Instant end = request.instant(window.end());
    return start == null && end == null ? null : new RequestStatus.Window(start, end);
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
