package in.bontonsoftwares.deploymentrequest.pipeline;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.Variable;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;

/**
 * One request as the engine has it at one moment: where it waits (or how it ended) and its
 * variables. The gate and the status read it; nothing writes it.
 *
 * @param activityIds where a running request waits, including steps whose job has not run yet;
 *     empty once it ended
 * @param submittedAt when it started; {@code endedAt} when it ended, {@code null} while running
 * @param endActivityId the end event it ended at, {@code null} while running or when it was deleted
 */
record RequestSnapshot(
    String requestNumber,
    String processInstanceId,
    String requester,
    boolean ended,
    String endActivityId,
    Set<String> activityIds,
    Map<String, Object> variables,
    Instant submittedAt,
    Instant endedAt) {

  RequestState state() {
    if (ended) {
      return endActivityId == null
          ? RequestState.CANCELLED
          : RequestState.BY_END.getOrDefault(endActivityId, RequestState.CANCELLED);
    }
    RequestState state = RequestState.running(activityIds);
    if (state == RequestState.WINDOW_OPEN
        && (get(DEPLOYMENT_STARTED_AT) != null
            || activityIds.contains(Element.RECORD_DEPLOYMENT_START))) {
      return RequestState.DEPLOYING;
    }
    return state;
  }

  <T> T get(Variable<T> variable) {
    return ProcessVariables.of(variables).get(variable);
  }

  Instant instant(Variable<Date> variable) {
    Date date = get(variable);
    return date == null ? null : date.toInstant();
  }
}
