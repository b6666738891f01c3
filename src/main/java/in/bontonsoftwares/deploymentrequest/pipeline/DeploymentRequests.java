package in.bontonsoftwares.deploymentrequest.pipeline;

import in.bontonsoftwares.deploymentrequest.identity.CurrentUser;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.springframework.stereotype.Service;

/**
 * Finds requests by number and reads them ({@link RequestSnapshot}). Whether the caller may see a
 * request is the engine's answer: the request is looked up with the caller's authorizations (the
 * requester's own grant, DevSecOps', QA's and pipelines' read of the history, admins), so a request
 * the caller may not read is as absent as one that does not exist. Everything else is read as the
 * engine.
 */
@Service
class DeploymentRequests {

  /**
   * The elements of the branches beside the main path; a request at none but these may have reached
   * its outcome already.
   */
  private static final Set<String> SIDE_BRANCHES =
      Set.of(
          Element.SEND_CONFIRMATION_EMAIL,
          Element.END_CONFIRMATION_SENT,
          Element.SEND_ESCALATION_EMAIL,
          Element.END_ESCALATED,
          Element.RECORD_DEPLOYMENT_START,
          Element.END_DEPLOYMENT_START_RECORDED);

  private final HistoryService historyService;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;

  DeploymentRequests(
      HistoryService historyService,
      RuntimeService runtimeService,
      IdentityService identityService) {
    this.historyService = historyService;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
  }

  /** The request, if it exists and the signed-in caller may read it. */
  Optional<HistoricProcessInstance> readable(String requestNumber) {
    if (requestNumber == null || requestNumber.length() > 32) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        historyService
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(DeploymentRequestProcess.KEY)
            .processInstanceBusinessKey(requestNumber)
            .singleResult());
  }

  /** The request as the engine has it now; empty when it no longer exists (deleted history). */
  Optional<RequestSnapshot> snapshot(String processInstanceId) {
    return asEngine(() -> read(processInstanceId));
  }

  private Optional<RequestSnapshot> read(String processInstanceId) {
    HistoricProcessInstance instance =
        historyService
            .createHistoricProcessInstanceQuery()
            .processInstanceId(processInstanceId)
            .singleResult();
    if (instance == null) {
      return Optional.empty();
    }
    boolean ended = instance.getEndTime() != null;
    Set<String> activities = new LinkedHashSet<>();
    Map<String, Object> variables = new HashMap<>();
    if (!ended) {
      ActivityInstance tree = runtimeService.getActivityInstance(processInstanceId);
      if (tree == null) {
        return read(processInstanceId); // it ended just now
      }
      collect(tree, activities);
      variables.putAll(runtimeService.getVariables(processInstanceId));
    } else {
      for (HistoricVariableInstance variable :
          historyService
              .createHistoricVariableInstanceQuery()
              .processInstanceId(processInstanceId)
              .disableBinaryFetching()
              .list()) {
        variables.put(variable.getName(), variable.getValue());
      }
    }
    if (ended) {
      return Optional.of(
          new RequestSnapshot(
              instance.getBusinessKey(),
              processInstanceId,
              instance.getStartUserId(),
              true,
              instance.getDeleteReason() == null ? outcome(instance) : null,
              Set.of(),
              variables,
              instant(instance.getStartTime()),
              instant(instance.getEndTime())));
    }
    // the main path may have ended while a side branch's job (a retried mail) still waits
    Optional<String> outcome =
        SIDE_BRANCHES.containsAll(activities)
            ? outcomeReached(processInstanceId)
            : Optional.empty();
    return Optional.of(
        new RequestSnapshot(
            instance.getBusinessKey(),
            processInstanceId,
            instance.getStartUserId(),
            outcome.isPresent(),
            outcome.orElse(null),
            outcome.isPresent() ? Set.of() : Set.copyOf(activities),
            variables,
            instant(instance.getStartTime()),
            null));
  }

  /**
   * The end event of the request's outcome ({@link RequestState#BY_END}) that the request reached,
   * from its history. Not the instance's end activity: that is the last end event reached, and a
   * side branch (the requester's confirmation, whose job may be retried after the main path ended)
   * can end after the outcome's end event.
   */
  /**
   * The end event of an ended request's outcome: its last end event when that is one (most
   * requests, no further read), else the one its history reached.
   */
  private String outcome(HistoricProcessInstance instance) {
    String last = instance.getEndActivityId();
    return RequestState.BY_END.containsKey(last)
        ? last
        : outcomeReached(instance.getId()).orElse(last);
  }

  private Optional<String> outcomeReached(String processInstanceId) {
    return historyService
        .createHistoricActivityInstanceQuery()
        .processInstanceId(processInstanceId)
        .activityType(ActivityTypes.END_EVENT_NONE)
        .finished()
        .list()
        .stream()
        .map(HistoricActivityInstance::getActivityId)
        .filter(RequestState.BY_END::containsKey)
        .findFirst();
  }

  /** Where the request is: its activities and the steps whose job has not run yet. */
  private static void collect(ActivityInstance instance, Set<String> activities) {
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      activities.add(child.getActivityId());
      collect(child, activities);
    }
    for (TransitionInstance transition : instance.getChildTransitionInstances()) {
      activities.add(transition.getActivityId());
    }
  }

  /**
   * The ids of running requests in one of {@code states}, read as the engine; the caller's
   * authorizations apply when the page is read.
   */
  List<String> runningIn(RequestState state) {
    return asEngine(
        () -> {
          List<String> ids = new ArrayList<>();
          List<String> activities = RequestState.activitiesOf(state);
          runtimeService
              .createProcessInstanceQuery()
              .processDefinitionKey(DeploymentRequestProcess.KEY)
              .activityIdIn(activities.toArray(String[]::new))
              .list()
              .forEach(
                  instance -> {
                    if (state != RequestState.WINDOW_OPEN && state != RequestState.DEPLOYING) {
                      ids.add(instance.getId());
                    } else {
                      read(instance.getId())
                          .filter(snapshot -> snapshot.state() == state)
                          .ifPresent(snapshot -> ids.add(instance.getId()));
                    }
                  });
          return ids;
        });
  }

  /** Runs {@code read} without the signed-in caller, as the engine. */
  <T> T asEngine(Supplier<T> read) {
    return CurrentUser.asEngine(identityService, read);
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
