package in.bontonsoftwares.deploymentrequest.archive;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.BreakGlass;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Check;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.ChecklistAnswer;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Execution;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Health;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.HealthPhase;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.HealthProbe;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Metrics;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Outcome;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Pipeline;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Request;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.ReviewRound;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Step;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Window;
import in.bontonsoftwares.deploymentrequest.checklist.ChecklistService;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties.Item;
import in.bontonsoftwares.deploymentrequest.health.HealthChecks;
import in.bontonsoftwares.deploymentrequest.health.Phase;
import in.bontonsoftwares.deploymentrequest.health.ProbeResult;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.ReviewPoint;
import in.bontonsoftwares.deploymentrequest.process.Variable;
import in.bontonsoftwares.deploymentrequest.process.WindowVariables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.springframework.stereotype.Component;

/**
 * Builds the record of a request from the engine's history (steps, people, timestamps, every review
 * round) and its variables (what was entered last), and computes the metrics. Nothing is retyped.
 */
@Component
class DeploymentRecordBuilder {

  private static final Set<String> REVIEW_VARIABLES =
      Stream.concat(
              ReviewPoint.variables().stream(),
              Stream.of(RISK_LEVEL, REVIEW_COMMENTS, REVIEW_DECISION, REVIEWER))
          .map(Variable::name)
          .collect(Collectors.toUnmodifiableSet());

  private final HistoryService historyService;
  private final StepHistory stepHistory;
  private final ChecklistService checklist;
  private final DeploymentRequestProperties properties;
  private final Clock clock;
  private final GateGoes gateGoes;
  private final HealthChecks health;

  DeploymentRecordBuilder(
      HistoryService historyService,
      StepHistory stepHistory,
      ChecklistService checklist,
      DeploymentRequestProperties properties,
      Clock clock,
      GateGoes gateGoes,
      HealthChecks health) {
    this.gateGoes = gateGoes;
    this.health = health;
    this.historyService = historyService;
    this.stepHistory = stepHistory;
    this.checklist = checklist;
    this.properties = properties;
    this.clock = clock;
  }

  DeploymentRecord build(String processInstanceId, ProcessVariables v, Outcome outcome) {
    List<Step> steps = stepHistory.steps(processInstanceId);
    List<ReviewRound> reviews = reviews(processInstanceId);
    Window confirmed = window(v, CONFIRMED_WINDOW);
    Step execution = last(steps, Element.EXECUTE_DEPLOYMENT);
    return new DeploymentRecord(
        v.text(REQUEST_NUMBER),
        processInstanceId,
        outcome,
        clock.instant(),
        request(v),
        checklist(v),
        steps,
        reviews,
        v.get(CHANGE_TICKET_NUMBER),
        window(v, PREFERRED_WINDOW),
        confirmed,
        breakGlass(processInstanceId),
        execution(v, execution),
        pipeline(v),
        verification(v),
        healthChecks(v.text(REQUEST_NUMBER)),
        v.get(ISSUES_AND_RESOLUTIONS),
        v.get(POST_DEPLOYMENT_METRICS),
        v.get(LESSONS_LEARNED),
        metrics(v, outcome, reviews, confirmed, execution));
  }

  private Request request(ProcessVariables v) {
    Date requestedAt = v.get(REQUESTED_AT);
    return new Request(
        v.text(PROJECT_NAME),
        v.text(APPLICATION_NAME),
        v.text(VERSION),
        v.text(ENVIRONMENT),
        v.text(CHANGE_DESCRIPTION),
        v.text(REQUESTER),
        v.text(REQUESTER_NAME),
        v.text(REQUESTER_EMAIL),
        instant(requestedAt),
        v.get(REVISION),
        v.text(ROLLBACK_PLAN),
        v.text(ON_CALL_NAME),
        v.text(ON_CALL_EMAIL),
        v.text(ON_CALL_PHONE),
        v.text(REALTIME_CHANNEL),
        v.text(STAKEHOLDER_EMAILS),
        v.text(HEALTH_CHECK_URL),
        v.get(SMOKE_TESTS_APPLY),
        v.get(QA_VALIDATION_APPLIES));
  }

  private List<ChecklistAnswer> checklist(ProcessVariables v) {
    String environment = v.get(ENVIRONMENT);
    List<ChecklistAnswer> answers = new ArrayList<>();
    for (Item item : checklist.items()) {
      answers.add(
          new ChecklistAnswer(
              item.id(),
              item.text(),
              item.environments().contains(environment),
              v.get(ChecklistService.answer(item)),
              v.text(ChecklistService.evidence(item))));
    }
    return answers;
  }

  /**
   * Each review round from the variable history: the review answers written while that review task
   * was open (they are written when it completes), so that a later round never hides an earlier
   * one.
   */
  private List<ReviewRound> reviews(String processInstanceId) {
    List<HistoricTaskInstance> tasks = finishedTasks(processInstanceId, Element.REVIEW_REQUEST);
    List<HistoricDetail> updates = variableUpdates(processInstanceId);
    List<ReviewRound> rounds = new ArrayList<>();
    int round = 0;
    for (HistoricTaskInstance task : tasks) {
      Map<String, Object> values = new HashMap<>();
      for (HistoricDetail detail : updates) {
        HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
        boolean during =
            !detail.getTime().before(task.getStartTime())
                && !detail.getTime().after(task.getEndTime());
        if (during && REVIEW_VARIABLES.contains(update.getVariableName())) {
          values.put(update.getVariableName(), update.getValue());
        }
      }
      ProcessVariables entered = ProcessVariables.of(values);
      String reviewer = entered.get(REVIEWER);
      rounds.add(
          new ReviewRound(
              ++round,
              reviewer == null ? task.getAssignee() : reviewer,
              instant(task.getStartTime()),
              instant(task.getEndTime()),
              entered.get(ReviewPoint.PREREQUISITES.variable()),
              entered.get(ReviewPoint.CODE_AND_CONFIGURATION.variable()),
              entered.get(ReviewPoint.SECURITY_AND_COMPLIANCE.variable()),
              entered.get(ReviewPoint.INFRASTRUCTURE.variable()),
              entered.get(ReviewPoint.RISKS_AND_DEPENDENCIES.variable()),
              entered.get(RISK_LEVEL),
              entered.get(REVIEW_COMMENTS),
              entered.get(REVIEW_DECISION)));
    }
    return rounds;
  }

  /**
   * Each break-glass decision from the history: what the scheduler asked for (the values as the
   * approval task started) and what the approver entered (the values written by that task).
   */
  private List<BreakGlass> breakGlass(String processInstanceId) {
    List<HistoricTaskInstance> tasks =
        finishedTasks(processInstanceId, Element.APPROVE_BREAK_GLASS);
    if (tasks.isEmpty()) {
      return List.of();
    }
    List<HistoricDetail> updates = variableUpdates(processInstanceId);
    List<BreakGlass> decisions = new ArrayList<>();
    for (HistoricTaskInstance task : tasks) {
      Map<String, Object> asked = new HashMap<>();
      Map<String, Object> decided = new HashMap<>();
      for (HistoricDetail detail : updates) {
        HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
        if (task.getActivityInstanceId().equals(detail.getActivityInstanceId())) {
          decided.put(update.getVariableName(), update.getValue());
        } else if (!detail.getTime().after(task.getStartTime())) {
          asked.put(update.getVariableName(), update.getValue());
        }
      }
      ProcessVariables request = ProcessVariables.of(asked);
      ProcessVariables decision = ProcessVariables.of(decided);
      String decidedBy = decision.get(BREAK_GLASS_DECIDED_BY);
      decisions.add(
          new BreakGlass(
              decisions.size() + 1,
              window(request, CONFIRMED_WINDOW),
              request.get(BREAK_GLASS_FREEZES),
              request.get(BREAK_GLASS_FREEZE_IDS),
              request.get(BREAK_GLASS_JUSTIFICATION),
              request.get(SCHEDULED_BY),
              instant(task.getStartTime()),
              decision.get(BREAK_GLASS_DECISION),
              decidedBy == null ? task.getAssignee() : decidedBy,
              instant(task.getEndTime()),
              decision.get(BREAK_GLASS_COMMENT)));
    }
    return decisions;
  }

  private List<HistoricTaskInstance> finishedTasks(String processInstanceId, String taskKey) {
    return historyService
        .createHistoricTaskInstanceQuery()
        .processInstanceId(processInstanceId)
        .taskDefinitionKey(taskKey)
        .finished()
        .orderByHistoricActivityInstanceStartTime()
        .asc()
        .list();
  }

  /** Every value every variable of the request had, oldest first (history level full). */
  private List<HistoricDetail> variableUpdates(String processInstanceId) {
    return historyService
        .createHistoricDetailQuery()
        .processInstanceId(processInstanceId)
        .variableUpdates()
        .orderByTime()
        .asc()
        .list();
  }

  private Execution execution(ProcessVariables v, Step execution) {
    if (execution == null) {
      return null;
    }
    return new Execution(
        v.get(EXECUTION_OUTCOME),
        v.get(EXECUTION_NOTES),
        execution.user() != null ? execution.user() : v.get(DEPLOYMENT_REPORTED_BY),
        execution.started(),
        execution.ended(),
        v.get(ROLLBACK_NOTES));
  }

  private Pipeline pipeline(ProcessVariables v) {
    Date startedAt = v.get(DEPLOYMENT_STARTED_AT);
    return new Pipeline(
        v.get(COMMIT_SHA),
        v.get(ARTIFACT_DIGEST),
        v.get(PIPELINE_RUN_URL),
        gateGoes.of(v.text(REQUEST_NUMBER)),
        v.get(DEPLOYMENT_REPORTED_BY),
        v.get(DEPLOYMENT_RUN_URL),
        startedAt == null ? null : startedAt.toInstant());
  }

  private List<Check> verification(ProcessVariables v) {
    if (!v.has(HEALTH_CHECKS_PASSED)) {
      return List.of();
    }
    return List.of(
        new Check("Health checks", true, v.get(HEALTH_CHECKS_PASSED), v.get(HEALTH_CHECK_NOTES)),
        new Check("Dashboards reviewed", true, v.get(DASHBOARDS_REVIEWED), null),
        new Check(
            "Smoke tests",
            v.get(SMOKE_TESTS_APPLY),
            v.get(SMOKE_TESTS_APPLY) ? v.get(SMOKE_TESTS_PASSED) : null,
            v.get(SMOKE_TEST_NOTES)),
        new Check(
            "QA validation",
            v.get(QA_VALIDATION_APPLIES),
            v.get(QA_VALIDATION_APPLIES) ? v.get(QA_VALIDATION_PASSED) : null,
            v.get(QA_NOTES)));
  }

  private Health healthChecks(String requestNumber) {
    List<ProbeResult> results = health.results(requestNumber);
    return new Health(
        healthPhase(requestNumber, Phase.EXECUTION, results),
        healthPhase(requestNumber, Phase.WATCH, results));
  }

  /**
   * A phase without probes is {@code NONE}: the analysis would answer SUCCESSFUL for a request
   * without checks and RUNNING for one whose checks never ran, and the record says what happened.
   */
  private HealthPhase healthPhase(String requestNumber, Phase phase, List<ProbeResult> results) {
    List<HealthProbe> probes =
        results.stream()
            .filter(result -> result.phase() == phase)
            .map(
                result ->
                    new HealthProbe(
                        result.probedAt(),
                        result.check(),
                        result.attempt(),
                        result.value(),
                        result.verdict().name(),
                        result.message()))
            .toList();
    String state = probes.isEmpty() ? "NONE" : health.state(requestNumber, phase).name();
    return new HealthPhase(phase.name(), phase.label(), state, probes);
  }

  private Metrics metrics(
      ProcessVariables v,
      Outcome outcome,
      List<ReviewRound> reviews,
      Window confirmed,
      Step execution) {
    Duration sla = properties.reviewSla().forEnvironment(v.get(ENVIRONMENT));
    List<String> reviewTimes = new ArrayList<>();
    int withinSla = 0;
    for (ReviewRound round : reviews) {
      Duration took = Duration.between(round.started(), round.completed());
      reviewTimes.add(took.toString());
      withinSla += took.compareTo(sla) <= 0 ? 1 : 0;
    }
    Instant requestedAt = instant(v.get(REQUESTED_AT));
    boolean executed =
        execution != null
            && execution.ended() != null
            && Value.OUTCOME_SUCCESS.equals(v.get(EXECUTION_OUTCOME));
    String leadTime =
        executed && requestedAt != null
            ? Duration.between(requestedAt, execution.ended()).toString()
            : null;
    Boolean startedOnTime = null;
    Boolean finishedInside = null;
    if (execution != null && execution.ended() != null && confirmed != null) {
      startedOnTime =
          !execution.started().isBefore(confirmed.start())
              && execution.started().isBefore(confirmed.end());
      finishedInside = !execution.ended().isAfter(confirmed.end());
    }
    return new Metrics(
        leadTime,
        reviewTimes,
        sla.toString(),
        withinSla,
        v.get(REVISION),
        startedOnTime,
        finishedInside,
        outcome.label());
  }

  private static Window window(ProcessVariables v, WindowVariables window) {
    Date start = v.get(window.start());
    Date end = v.get(window.end());
    if (start == null || end == null) {
      return null;
    }
    return new Window(start.toInstant(), end.toInstant());
  }

  private static Step last(List<Step> steps, String activityId) {
    Step found = null;
    for (Step step : steps) {
      if (step.activityId().equals(activityId)) {
        found = step;
      }
    }
    return found;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
