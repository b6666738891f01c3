package in.bontonsoftwares.deploymentrequest.archive;

import java.time.Instant;
import java.util.List;

/**
 * Everything an auditor asks about one request, as it happened. Serialised as the JSON record; the
 * PDF shows the same.
 */
public record DeploymentRecord(
    String requestNumber,
    String processInstanceId,
    Outcome outcome,
    Instant generatedAt,
    Request request,
    List<ChecklistAnswer> checklist,
    List<Step> steps,
    List<ReviewRound> reviews,
    String changeTicket,
    Window preferredWindow,
    Window confirmedWindow,
    List<BreakGlass> breakGlass,
    Execution execution,
    Pipeline pipeline,
    List<Check> verification,
    Health healthChecks,
    String issuesAndResolutions,
    String postDeploymentMetrics,
    String lessonsLearned,
    Metrics metrics) {

  public enum Outcome {
    DEPLOYED("Deployed"),
    ROLLED_BACK("Rolled back"),
    REJECTED("Rejected"),
    WITHDRAWN("Withdrawn");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public record Request(
      String projectName,
      String applicationName,
      String version,
      String environment,
      String changeDescription,
      String requester,
      String requesterName,
      String requesterEmail,
      Instant requestedAt,
      int revisions,
      String rollbackPlan,
      String onCallName,
      String onCallEmail,
      String onCallPhone,
      String realtimeChannel,
      String stakeholderEmails,
      String healthCheckUrl,
      boolean smokeTestsApply,
      boolean qaValidationApplies) {}

  public record ChecklistAnswer(
      String id, String text, boolean required, boolean done, String evidence) {}

  /**
   * One step of the process with its timestamps and the person who did it (none for automatic
   * steps).
   */
  public record Step(
      String activityId, String name, String type, Instant started, Instant ended, String user) {}

  public record ReviewRound(
      int round,
      String reviewer,
      Instant started,
      Instant completed,
      boolean prerequisites,
      boolean codeAndConfiguration,
      boolean securityAndCompliance,
      boolean infrastructure,
      boolean risksAndDependencies,
      String riskLevel,
      String comments,
      String decision) {}

  public record Window(Instant start, Instant end) {}

  /**
   * One break-glass asked for in scheduling and decided in "Approve break-glass": the window and
   * the BLOCK freezes it falls into (names and periods; their ids), the justification and who gave
   * it, the decision ({@code approve} or {@code refuse}), who took it, when, and the comment.
   */
  public record BreakGlass(
      int round,
      Window window,
      String freezes,
      String freezeIds,
      String justification,
      String scheduledBy,
      Instant requested,
      String decision,
      String decidedBy,
      Instant decided,
      String comment) {}

  public record Execution(
      String outcome,
      String notes,
      String executedBy,
      Instant started,
      Instant completed,
      String rollbackNotes) {}

  /**
   * What the pipeline told: the artifact the request named, every GO the gate gave and the
   * deployment it reported ({@code null} fields where it did not).
   */
  public record Pipeline(
      String commitSha,
      String artifactDigest,
      String pipelineRunUrl,
      List<GateGo> gateGos,
      String deploymentReportedBy,
      String deploymentRunUrl,
      Instant deploymentStartedAt) {}

  /** One GO of the gate: when, to whom (user and token), for which run and artifact. */
  public record GateGo(
      Instant at,
      String user,
      Long tokenId,
      String tokenName,
      String runUrl,
      String environment,
      String version,
      String digest) {}

  public record Check(String name, boolean applies, Boolean passed, String notes) {}

  /**
   * Every automated health-check probe of the request (README "Health checks"), by phase: both
   * phases are always there, a phase without probes with {@code state} {@code NONE} and no probes.
   */
  public record Health(HealthPhase execution, HealthPhase watch) {}

  /**
   * One phase of the health checks.
   *
   * @param phase {@code EXECUTION} or {@code WATCH}, as the probes' phase is named elsewhere (the
   *     rollback webhook, {@code health_probe})
   * @param label "During execution" or "Watch window", as the PDF and the forms name it
   * @param state the phase's analysis when the record was made: {@code NONE} (no probe ran), {@code
   *     RUNNING} (probes still due), {@code SUCCESSFUL}, {@code FAILED} or {@code INCONCLUSIVE}
   * @param probes every probe of the phase, in the order they were taken
   */
  public record HealthPhase(String phase, String label, String state, List<HealthProbe> probes) {}

  /**
   * One probe: when, which check, its attempt (1, 2 ... per check and phase), the value judged
   * (empty when there was none), the verdict ({@code SUCCESSFUL}, {@code FAILED}, {@code
   * INCONCLUSIVE}, {@code ERROR}) and why.
   */
  public record HealthProbe(
      Instant probedAt, String check, int attempt, String value, String verdict, String message) {}

  /**
   * Figures computed by the app. Durations are ISO-8601; {@code null} where the request never got
   * that far.
   *
   * @param leadTime request submitted until deployment executed
   * @param reviewTimes time each review round took
   * @param reviewSla the environment's review SLA
   * @param reviewsWithinSla how many rounds were decided within the SLA
   * @param windowStartedOnTime the deployment started inside the confirmed window, not before it
   * @param windowFinishedInside the deployment was executed before the confirmed window ended
   */
  public record Metrics(
      String leadTime,
      List<String> reviewTimes,
      String reviewSla,
      int reviewsWithinSla,
      int revisions,
      Boolean windowStartedOnTime,
      Boolean windowFinishedInside,
      String outcome) {}
}
