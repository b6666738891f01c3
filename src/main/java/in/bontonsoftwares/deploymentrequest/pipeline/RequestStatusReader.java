package in.bontonsoftwares.deploymentrequest.pipeline;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Step;
import in.bontonsoftwares.deploymentrequest.archive.StepHistory;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.WindowVariables;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicketService;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Puts a request's status document together from its snapshot, tasks, history and ticket. */
@Component
class RequestStatusReader {

  static final String BASE = "/api/deployment-requests/";
  static final String TASKLIST = "/camunda/app/tasklist/default/";
  static final String PAGE = "/requests.html?request=";

  private final DeploymentRequests requests;
  private final TaskService taskService;
  private final StepHistory stepHistory;
  private final ChangeTicketService tickets;
  private final IdentityService identityService;

  RequestStatusReader(
      DeploymentRequests requests,
      TaskService taskService,
      StepHistory stepHistory,
      ChangeTicketService tickets,
      IdentityService identityService) {
    this.requests = requests;
    this.taskService = taskService;
    this.stepHistory = stepHistory;
    this.tickets = tickets;
    this.identityService = identityService;
  }

  /** One request with everything, its timeline included. */
  RequestStatus status(RequestSnapshot request) {
    return status(request, true);
  }

  /**
   * A request as a list shows it: without its timeline (an empty list), the one part that reads the
   * request's whole history; {@code GET /api/deployment-requests/{number}} has it.
   */
  RequestStatus summary(RequestSnapshot request) {
    return status(request, false);
  }

  private RequestStatus status(RequestSnapshot request, boolean withTimeline) {
    return requests.asEngine(
        () -> {
          String number = request.requestNumber();
          RequestState state = request.state();
          boolean recorded = state.isFinal() && state != RequestState.CANCELLED;
          Names names = new Names();
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
              request.ended() ? List.of() : openTasks(request.processInstanceId(), names),
              withTimeline ? timeline(request, names) : List.of(),
              request.submittedAt(),
              request.endedAt(),
              new RequestStatus.Links(
                  BASE + number,
                  BASE + number + "/gate",
                  BASE + number + "/events",
                  TASKLIST,
                  PAGE + number,
                  recorded ? "/api/records/" + number : null,
                  recorded ? "/api/records/" + number + "/pdf" : null));
        });
  }

  private List<RequestStatus.OpenTask> openTasks(String processInstanceId, Names names) {
    return taskService
        .createTaskQuery()
        .processInstanceId(processInstanceId)
        .orderByTaskCreateTime()
        .asc()
        .list()
        .stream()
        .map(task -> openTask(task, names))
        .toList();
  }

  private RequestStatus.OpenTask openTask(Task task, Names names) {
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
        groups.stream().map(names::group).toList(),
        task.getAssignee(),
        names.user(task.getAssignee()),
        instant(task.getCreateTime()),
        instant(task.getDueDate()));
  }

  /** The finished steps; a report of the pipeline is by whoever reported it. */
  private List<RequestStatus.TimelineStep> timeline(RequestSnapshot request, Names names) {
    return stepHistory.steps(request.processInstanceId()).stream()
        .filter(step -> step.ended() != null)
        .map(
            step -> {
              String by = by(step, request);
              return new RequestStatus.TimelineStep(
                  step.activityId(), step.name(), step.ended(), by, names.user(by));
            })
        .toList();
  }

  /** Full names of users and groups, each looked up once per status; the id when there is none. */
  private final class Names {
    private final Map<String, String> users = new HashMap<>();
    private final Map<String, String> groups = new HashMap<>();

    String user(String id) {
      if (id == null) {
        return null;
      }
      return users.computeIfAbsent(
          id,
          key -> {
            User user = identityService.createUserQuery().userId(key).singleResult();
            if (user == null) {
              return key;
            }
            String name =
                String.join(
                        " ",
                        Objects.requireNonNullElse(user.getFirstName(), ""),
                        Objects.requireNonNullElse(user.getLastName(), ""))
                    .strip();
            return name.isEmpty() ? key : name;
          });
    }

    String group(String id) {
      return groups.computeIfAbsent(
          id,
          key -> {
            Group group = identityService.createGroupQuery().groupId(key).singleResult();
            return group == null || group.getName() == null ? key : group.getName();
          });
    }
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
