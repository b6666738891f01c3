package in.bontonsoftwares.deploymentrequest.pipeline;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
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
    return Optional.of(
        new RequestSnapshot(
            instance.getBusinessKey(),
            processInstanceId,
            instance.getStartUserId(),
            ended,
            ended && instance.getDeleteReason() == null ? instance.getEndActivityId() : null,
            Set.copyOf(activities),
            variables));
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
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return read.get();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }
}
