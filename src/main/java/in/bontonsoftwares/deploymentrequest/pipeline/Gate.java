package in.bontonsoftwares.deploymentrequest.pipeline;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.GateGo;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

/**
 * The gate for the integrations that ask it on behalf of a deployment elsewhere (GitHub's
 * deployment protection rule, GitLab's deployment approvals): the same {@link GateRule} that
 * answers {@code GET /api/deployment-requests/{number}/gate}, on the same reading of the request,
 * and the same record of every GO. Reads as the engine: such a caller is no user of the engine;
 * what it may learn is the decision and its message.
 */
@Service
public class Gate {

  private final DeploymentRequests requests;
  private final GateRule rule;
  private final GoRecords goRecords;
  private final HistoryService historyService;
  private final Clock clock;

  Gate(
      DeploymentRequests requests,
      GateRule rule,
      GoRecords goRecords,
      HistoryService historyService,
      Clock clock) {
    this.requests = requests;
    this.rule = rule;
    this.goRecords = goRecords;
    this.historyService = historyService;
    this.clock = clock;
  }

  /** What identifies a request's artifact, to match a deployment elsewhere with it. */
  public record Request(
      String number,
      String processInstanceId,
      String environment,
      String version,
      String commitSha,
      String digest,
      boolean ended,
      Instant submittedAt) {}

  /** The request with this number, if there is one. */
  public Optional<Request> request(String number) {
    if (number == null || number.length() > 32) {
      return Optional.empty();
    }
    return requests.asEngine(
        () ->
            Optional.ofNullable(
                    historyService
                        .createHistoricProcessInstanceQuery()
                        .processDefinitionKey(DeploymentRequestProcess.KEY)
                        .processInstanceBusinessKey(number)
                        .singleResult())
                .flatMap(this::request));
  }

  /**
   * The requests whose commit is {@code sha} (a request may name it abbreviated, 7 digits or more),
   * the latest first.
   */
  public List<Request> forCommit(String sha) {
    if (sha == null || sha.length() < 7) {
      return List.of();
    }
    String full = sha.toLowerCase(Locale.ROOT);
    return requests.asEngine(
        () ->
            historyService
                .createHistoricProcessInstanceQuery()
                .processDefinitionKey(DeploymentRequestProcess.KEY)
                .matchVariableValuesIgnoreCase()
                .variableValueLike(COMMIT_SHA.name(), full.substring(0, 7) + "%")
                .list()
                .stream()
                .map(this::request)
                .flatMap(Optional::stream)
                .filter(r -> r.commitSha() != null)
                .filter(r -> full.startsWith(r.commitSha().toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparing(Request::submittedAt).reversed())
                .toList());
  }

  private Optional<Request> request(HistoricProcessInstance instance) {
    return requests.snapshot(instance.getId()).map(Gate::request);
  }

  private static Request request(RequestSnapshot snapshot) {
    ProcessVariables variables = ProcessVariables.of(snapshot.variables());
    return new Request(
        snapshot.requestNumber(),
        snapshot.processInstanceId(),
        variables.get(ENVIRONMENT),
        variables.get(VERSION),
        variables.get(COMMIT_SHA),
        variables.get(ARTIFACT_DIGEST),
        snapshot.state().isFinal(),
        snapshot.submittedAt());
  }

  /** The request as it is now: read once, to decide for every deployment waiting on it. */
  public Look look(String processInstanceId) {
    return new Look(requests.snapshot(processInstanceId), clock.instant());
  }

  /** One reading of a request and the moment it was read. */
  public final class Look {
    private final Optional<RequestSnapshot> snapshot;
    private final Instant now;

    private Look(Optional<RequestSnapshot> snapshot, Instant now) {
      this.snapshot = snapshot;
      this.now = now;
    }

    /** The request as read; empty when it no longer exists. */
    public Optional<Request> request() {
      return snapshot.map(Gate::request);
    }

    /**
     * The gate's decision for a deployment of {@code commit} to this environment. {@code version}
     * and {@code digest} are what the deployment says it deploys; where it says nothing, the
     * request's own (as they are now, also after an amendment): the commit stands for the artifact
     * that was reviewed, and the rule checks that it is the request's.
     */
    public GateDecision decide(String environment, String version, String digest, String commit) {
      return snapshot
          .map(
              request ->
                  rule.decide(
                      request,
                      new GateRule.Question(
                          environment,
                          version != null ? version : request.get(VERSION),
                          digest != null ? digest : request.get(ARTIFACT_DIGEST),
                          commit),
                      now))
          .orElseGet(
              () ->
                  GateDecision.stop(
                      RequestState.CANCELLED, "CANCELLED", "The request no longer exists."));
    }
  }

  /** Records a GO given to a deployment elsewhere, as the REST gate records its own. */
  public void recordGo(String requestNumber, GateGo go) {
    goRecords.record(Objects.requireNonNull(requestNumber), go);
  }
}
