package in.bontonsoftwares.deploymentrequest.pipeline;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.display.Readable;
import in.bontonsoftwares.deploymentrequest.identity.Groups;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Message;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/deployment-requests/{number}/events}: a pipeline reports its deployment, and the
 * report goes into the process as the BPMN message "Execute deployment" waits for. Started is noted
 * on the execution task and the change ticket; succeeded ends execution with outcome success
 * (verification follows); failed takes the roll-back path. Only DevSecOps and {@code pipelines} may
 * report, never the request's own requester. A person can still complete "Execute deployment" in
 * Tasklist instead.
 */
@RestController
@RequestMapping("/api/deployment-requests")
class DeploymentEventController {

  enum Type {
    DEPLOYMENT_STARTED,
    DEPLOYMENT_SUCCEEDED,
    DEPLOYMENT_FAILED
  }

  record DeploymentEvent(Type type, String runUrl, String message) {}

  record Reported(String requestNumber, Type type, RequestState state) {}

  private static final Set<String> REPORTERS = Set.of(Groups.DEVSECOPS, Groups.PIPELINES);

  private final DeploymentRequests requests;
  private final RuntimeService runtimeService;
  private final RequestValidator validator;
  private final DeploymentRequestProperties properties;
  private final Clock clock;

  DeploymentEventController(
      DeploymentRequests requests,
      RuntimeService runtimeService,
      RequestValidator validator,
      DeploymentRequestProperties properties,
      Clock clock) {
    this.requests = requests;
    this.runtimeService = runtimeService;
    this.validator = validator;
    this.properties = properties;
    this.clock = clock;
  }

  @PostMapping("/{number}/events")
  ResponseEntity<Reported> report(
      @PathVariable String number, @RequestBody DeploymentEvent event, Authentication caller) {
    RequestSnapshot request =
        requests
            .readable(number)
            .flatMap(instance -> requests.snapshot(instance.getId()))
            .orElseThrow(() -> DeploymentRequestController.notFound(number));
    if (caller.getName().equals(request.requester())) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN,
          "Separation of duties: you requested "
              + number
              + ", so its deployment is reported by someone else");
    }
    if (caller.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .noneMatch(REPORTERS::contains)) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN, "Only DevSecOps and pipeline accounts report deployments");
    }
    if (event == null || event.type() == null) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "type is required: DEPLOYMENT_STARTED, DEPLOYMENT_SUCCEEDED or DEPLOYMENT_FAILED");
    }
    Map<String, Object> values = new HashMap<>();
    ProcessVariables v = ProcessVariables.of(values);
    v.set(DEPLOYMENT_RUN_URL, event.runUrl());
    v.set(EXECUTION_NOTES, event.message());
    Problems problems = new Problems();
    validator.url(v, DEPLOYMENT_RUN_URL, "runUrl", problems);
    validator.lengths(v, problems, DEPLOYMENT_RUN_URL, EXECUTION_NOTES);
    problems.throwIfAny();

    RequestState state = request.state();
    if (takenIn(request, event.type(), state)) {
      return accepted(number, event.type(), state); // a retried report: taken in already
    }
    if (state != RequestState.WINDOW_OPEN && state != RequestState.DEPLOYING) {
      throw notWaiting(number, state);
    }
    Instant now = clock.instant();
    v.set(DEPLOYMENT_REPORTED_BY, caller.getName());
    String run = event.runUrl() == null ? "" : " (run " + event.runUrl() + ")";
    String message =
        switch (event.type()) {
          case DEPLOYMENT_STARTED -> {
            v.set(DEPLOYMENT_STARTED_AT, Date.from(now));
            v.set(
                DEPLOYMENT_STARTED,
                "%s by %s%s%s"
                    .formatted(
                        Readable.dateTime(now, properties.timeZone()),
                        caller.getName(),
                        run,
                        event.message() == null ? "" : ": " + event.message()));
            values.remove(EXECUTION_NOTES.name());
            yield Message.DEPLOYMENT_STARTED;
          }
          case DEPLOYMENT_SUCCEEDED -> {
            v.set(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS);
            v.set(
                EXECUTION_NOTES,
                event.message() != null
                    ? event.message()
                    : "Deployed by " + caller.getName() + run + ".");
            yield Message.DEPLOYMENT_SUCCEEDED;
          }
          case DEPLOYMENT_FAILED -> {
            v.set(EXECUTION_OUTCOME, Value.OUTCOME_CRITICAL_ISSUE);
            v.set(
                EXECUTION_NOTES,
                event.message() != null
                    ? event.message()
                    : "The deployment by " + caller.getName() + run + " failed.");
            yield Message.DEPLOYMENT_FAILED;
          }
        };
    try {
      requests.asEngine(
          () ->
              runtimeService
                  .createMessageCorrelation(message)
                  .processInstanceId(request.processInstanceId())
                  .setVariables(values)
                  .correlateWithResult());
    } catch (MismatchingMessageCorrelationException moved) {
      throw notWaiting(
          number,
          requests.snapshot(request.processInstanceId()).map(RequestSnapshot::state).orElse(state));
    }
    return accepted(
        number,
        event.type(),
        requests.snapshot(request.processInstanceId()).map(RequestSnapshot::state).orElse(state));
  }

  /**
   * Whether the process took this report in already: the pipeline retries a report whose answer it
   * lost, and must not fail a deployment that went well because of that.
   */
  private static boolean takenIn(RequestSnapshot request, Type type, RequestState state) {
    boolean reported = request.get(DEPLOYMENT_REPORTED_BY) != null;
    String outcome = request.get(EXECUTION_OUTCOME);
    return switch (type) {
      case DEPLOYMENT_STARTED -> state == RequestState.DEPLOYING;
      case DEPLOYMENT_SUCCEEDED ->
          reported && Value.OUTCOME_SUCCESS.equals(outcome) && AFTER_EXECUTION.contains(state);
      case DEPLOYMENT_FAILED ->
          reported
              && Value.OUTCOME_CRITICAL_ISSUE.equals(outcome)
              && AFTER_EXECUTION.contains(state);
    };
  }

  private static final Set<RequestState> AFTER_EXECUTION =
      Set.of(
          RequestState.VERIFYING,
          RequestState.ROLLING_BACK,
          RequestState.DOCUMENTING,
          RequestState.DEPLOYED,
          RequestState.ROLLED_BACK);

  private static ResponseEntity<Reported> accepted(String number, Type type, RequestState state) {
    return ResponseEntity.accepted().body(new Reported(number, type, state));
  }

  private static ResponseStatusException notWaiting(String number, RequestState state) {
    return new ResponseStatusException(
        HttpStatus.CONFLICT,
        "%s is not waiting for a deployment (%s: %s); report it while its window is open"
            .formatted(number, state, state.description()));
  }
}
