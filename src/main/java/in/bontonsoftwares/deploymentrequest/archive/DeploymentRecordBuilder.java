package in.bontonsoftwares.deploymentrequest.archive;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;

import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Check;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.ChecklistAnswer;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Execution;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Metrics;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Outcome;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Request;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.ReviewRound;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Step;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Window;
import in.bontonsoftwares.deploymentrequest.checklist.ChecklistService;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties.Item;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
      Set.of(
          REVIEW_PREREQUISITES_VERIFIED,
          REVIEW_CODE_AND_CONFIGURATION,
          REVIEW_SECURITY_AND_COMPLIANCE,
          REVIEW_INFRASTRUCTURE_READY,
          REVIEW_RISKS_AND_DEPENDENCIES,
          RISK_LEVEL,
          REVIEW_COMMENTS,
          REVIEW_DECISION,
          REVIEWER);

  private final HistoryService historyService;
  private final StepHistory stepHistory;
  private final ChecklistService checklist;
  private final DeploymentRequestProperties properties;
  private final Clock clock;

  DeploymentRecordBuilder(
      HistoryService historyService,
      StepHistory stepHistory,
      ChecklistService checklist,
      DeploymentRequestProperties properties,
      Clock clock) {
    this.historyService = historyService;
    this.stepHistory = stepHistory;
    this.checklist = checklist;
    this.properties = properties;
    this.clock = clock;
  }

  DeploymentRecord build(String processInstanceId, ProcessVariables v, Outcome outcome) {
    List<Step> steps = stepHistory.steps(processInstanceId);
    List<ReviewRound> reviews = reviews(processInstanceId);
    Window confirmed = window(v.string(CONFIRMED_WINDOW_START), v.string(CONFIRMED_WINDOW_END));
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
        v.string(CHANGE_TICKET_NUMBER),
        window(v.string(WINDOW_START), v.string(WINDOW_END)),
        confirmed,
        execution(v, execution),
        verification(v),
        v.string(ISSUES_AND_RESOLUTIONS),
        v.string(POST_DEPLOYMENT_METRICS),
        v.string(LESSONS_LEARNED),
        metrics(v, outcome, reviews, confirmed, execution));
  }

  private Request request(ProcessVariables v) {
    Date requestedAt = v.date(REQUESTED_AT);
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
        v.number(REVISION, 1),
        v.text(ROLLBACK_PLAN),
        v.text(ON_CALL_NAME),
        v.text(ON_CALL_EMAIL),
        v.text(ON_CALL_PHONE),
        v.text(REALTIME_CHANNEL),
        v.text(STAKEHOLDER_EMAILS),
        v.text(HEALTH_CHECK_URL),
        v.flag(SMOKE_TESTS_APPLY),
        v.flag(QA_VALIDATION_APPLIES));
  }

  private List<ChecklistAnswer> checklist(ProcessVariables v) {
    String environment = v.string(ENVIRONMENT);
    List<ChecklistAnswer> answers = new ArrayList<>();
    for (Item item : checklist.items()) {
      answers.add(
          new ChecklistAnswer(
              item.id(),
              item.text(),
              item.environments().contains(environment),
              v.flag(ChecklistService.answerVariable(item)),
              v.text(ChecklistService.evidenceVariable(item))));
    }
    return answers;
  }

  /**
   * Each review round from the variable history: the review answers written while that review task
   * was open (they are written when it completes), so that a later round never hides an earlier
   * one.
   */
  private List<ReviewRound> reviews(String processInstanceId) {
    List<HistoricTaskInstance> tasks =
        historyService
            .createHistoricTaskInstanceQuery()
            .processInstanceId(processInstanceId)
            .taskDefinitionKey(Element.REVIEW_REQUEST)
            .finished()
            .orderByHistoricActivityInstanceStartTime()
            .asc()
            .list();
    List<HistoricDetail> updates =
        historyService
            .createHistoricDetailQuery()
            .processInstanceId(processInstanceId)
            .variableUpdates()
            .orderByTime()
            .asc()
            .list();
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
      rounds.add(
          new ReviewRound(
              ++round,
              text(values.get(REVIEWER), task.getAssignee()),
              instant(task.getStartTime()),
              instant(task.getEndTime()),
              flag(values, REVIEW_PREREQUISITES_VERIFIED),
              flag(values, REVIEW_CODE_AND_CONFIGURATION),
              flag(values, REVIEW_SECURITY_AND_COMPLIANCE),
              flag(values, REVIEW_INFRASTRUCTURE_READY),
              flag(values, REVIEW_RISKS_AND_DEPENDENCIES),
              text(values.get(RISK_LEVEL), null),
              text(values.get(REVIEW_COMMENTS), null),
              text(values.get(REVIEW_DECISION), null)));
    }
    return rounds;
  }

  private Execution execution(ProcessVariables v, Step execution) {
    if (execution == null) {
      return null;
    }
    return new Execution(
        v.string(EXECUTION_OUTCOME),
        v.string(EXECUTION_NOTES),
        execution.user(),
        execution.started(),
        execution.ended(),
        v.string(ROLLBACK_NOTES));
  }

  private List<Check> verification(ProcessVariables v) {
    if (!v.has(HEALTH_CHECKS_PASSED)) {
      return List.of();
    }
    return List.of(
        new Check(
            "Health checks", true, v.flag(HEALTH_CHECKS_PASSED), v.string(HEALTH_CHECK_NOTES)),
        new Check("Dashboards reviewed", true, v.flag(DASHBOARDS_REVIEWED), null),
        new Check(
            "Smoke tests",
            v.flag(SMOKE_TESTS_APPLY),
            v.flag(SMOKE_TESTS_APPLY) ? v.flag(SMOKE_TESTS_PASSED) : null,
            v.string(SMOKE_TEST_NOTES)),
        new Check(
            "QA validation",
            v.flag(QA_VALIDATION_APPLIES),
            v.flag(QA_VALIDATION_APPLIES) ? v.flag(QA_VALIDATION_PASSED) : null,
            v.string(QA_NOTES)));
  }

  private Metrics metrics(
      ProcessVariables v,
      Outcome outcome,
      List<ReviewRound> reviews,
      Window confirmed,
      Step execution) {
    Duration sla = properties.reviewSla().forEnvironment(v.string(ENVIRONMENT));
    List<String> reviewTimes = new ArrayList<>();
    int withinSla = 0;
    for (ReviewRound round : reviews) {
      Duration took = Duration.between(round.started(), round.completed());
      reviewTimes.add(took.toString());
      withinSla += took.compareTo(sla) <= 0 ? 1 : 0;
    }
    Instant requestedAt = instant(v.date(REQUESTED_AT));
    boolean executed =
        execution != null
            && execution.ended() != null
            && Value.OUTCOME_SUCCESS.equals(v.string(EXECUTION_OUTCOME));
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
        v.number(REVISION, 1),
        startedOnTime,
        finishedInside,
        outcome.label());
  }

  private Window window(String start, String end) {
    if (start == null || end == null) {
      return null;
    }
    return new Window(
        WindowTime.parse(start, properties.timeZone()),
        WindowTime.parse(end, properties.timeZone()));
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

  private static boolean flag(Map<String, Object> values, String name) {
    return Boolean.TRUE.equals(values.get(name));
  }

  private static String text(Object value, String fallback) {
    return value == null ? fallback : value.toString();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
