package in.bontonsoftwares.deploymentrequest.process;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import in.bontonsoftwares.deploymentrequest.security.SeparationOfDuties;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The server-side rules of every user task: on {@code assignment} and {@code complete} it keeps the
 * requester off the tasks others must do (separation of duties); on {@code complete} it refuses,
 * with every problem named, input that the next steps cannot work with, so that the task stays open
 * and nothing is lost; on {@code create} of "Schedule deployment" it proposes the preferred window.
 */
@Component("userTaskListener")
class UserTaskListener implements TaskListener {

  private static final Set<String> RISK_LEVELS = Set.of("low", "medium", "high", "critical");
  private static final Set<String> DECISIONS =
      Set.of(Value.DECISION_APPROVE, Value.DECISION_REQUEST_CHANGES, Value.DECISION_REJECT);
  private static final Set<String> OUTCOMES =
      Set.of(Value.OUTCOME_SUCCESS, Value.OUTCOME_CRITICAL_ISSUE, Value.OUTCOME_RESCHEDULE);
  private static final List<String> REVIEW_POINTS =
      List.of(
          REVIEW_PREREQUISITES_VERIFIED,
          REVIEW_CODE_AND_CONFIGURATION,
          REVIEW_SECURITY_AND_COMPLIANCE,
          REVIEW_INFRASTRUCTURE_READY,
          REVIEW_RISKS_AND_DEPENDENCIES);

  private final RequestValidator validator;
  private final IdentityService identityService;

  UserTaskListener(RequestValidator validator, IdentityService identityService) {
    this.validator = validator;
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateTask task) {
    ProcessVariables v = ProcessVariables.of(task);
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
      SeparationOfDuties.check(
          task.getTaskDefinitionKey(),
          task.getName(),
          v.string(REQUESTER),
          task.getAssignee(),
          "take on");
      return;
    }
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      if (Element.SCHEDULE_DEPLOYMENT.equals(task.getTaskDefinitionKey())) {
        proposeWindow(v);
      }
      return;
    }
    if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
      return;
    }
    SeparationOfDuties.check(
        task.getTaskDefinitionKey(),
        task.getName(),
        v.string(REQUESTER),
        authenticatedUser(),
        "complete");
    Problems problems = new Problems();
    switch (task.getTaskDefinitionKey()) {
      case Element.COMPLETE_CHECKLIST -> validator.lengths(v, problems, WITHDRAWAL_REASON);
      case Element.AMEND_REQUEST -> amended(v, problems);
      case Element.REVIEW_REQUEST -> reviewed(task, v, problems);
      case Element.SCHEDULE_DEPLOYMENT -> scheduled(task, v, problems);
      case Element.EXECUTE_DEPLOYMENT -> executed(v, problems);
      case Element.VERIFY_HEALTH ->
          notesWhenFailed(
              v,
              problems,
              v.flag(HEALTH_CHECKS_PASSED) && v.flag(DASHBOARDS_REVIEWED),
              HEALTH_CHECK_NOTES,
              "Health-check notes");
      case Element.RUN_SMOKE_TESTS ->
          notesWhenFailed(
              v, problems, v.flag(SMOKE_TESTS_PASSED), SMOKE_TEST_NOTES, "Smoke-test notes");
      case Element.VALIDATE_QA ->
          notesWhenFailed(v, problems, v.flag(QA_VALIDATION_PASSED), QA_NOTES, "QA notes");
      case Element.ROLL_BACK_DEPLOYMENT -> rolledBack(v, problems);
      case Element.DOCUMENT_DEPLOYMENT -> {
        validator.required(v, ISSUES_AND_RESOLUTIONS, "Issues and resolutions", problems);
        validator.required(v, POST_DEPLOYMENT_METRICS, "Post-deployment metrics", problems);
        validator.required(v, LESSONS_LEARNED, "Lessons learned", problems);
        validator.lengths(
            v, problems, ISSUES_AND_RESOLUTIONS, POST_DEPLOYMENT_METRICS, LESSONS_LEARNED);
      }
      default -> {}
    }
    problems.throwIfAny();
  }

  private void amended(ProcessVariables v, Problems problems) {
    if (v.flag(WITHDRAW_REQUEST)) {
      validator.lengths(v, problems, WITHDRAWAL_REASON);
      return;
    }
    validator.required(v, AMENDMENT_NOTES, "What you changed", problems);
    validator.checkRequest(v, problems);
    v.set(REVISION, v.number(REVISION, 1) + 1);
  }

  private void reviewed(DelegateTask task, ProcessVariables v, Problems problems) {
    String decision = v.string(REVIEW_DECISION);
    if (decision == null || !DECISIONS.contains(decision)) {
      problems.add("Choose a decision: approve, request changes or reject.");
    }
    String risk = v.string(RISK_LEVEL);
    if (risk == null || !RISK_LEVELS.contains(risk)) {
      problems.add("Choose a risk level: low, medium, high or critical.");
    }
    if (Value.DECISION_APPROVE.equals(decision) && !REVIEW_POINTS.stream().allMatch(v::flag)) {
      problems.add(
          "Approve only after confirming all five review points (prerequisites, code and configuration, "
              + "security and compliance, infrastructure readiness, risks and dependencies).");
    }
    if ((Value.DECISION_REQUEST_CHANGES.equals(decision) || Value.DECISION_REJECT.equals(decision))
        && v.string(REVIEW_COMMENTS) == null) {
      problems.add(
          "Comments are required when requesting changes or rejecting: tell the team what to change or why.");
    }
    validator.lengths(v, problems, REVIEW_COMMENTS);
    problems.throwIfAny();
    v.set(REVIEWER, actingUser(task));
  }

  private void scheduled(DelegateTask task, ProcessVariables v, Problems problems) {
    validator.required(v, CONFIRMED_WINDOW_START, "Confirmed window start", problems);
    validator.required(v, CONFIRMED_WINDOW_END, "Confirmed window end", problems);
    validator.window(
        v, CONFIRMED_WINDOW_START, CONFIRMED_WINDOW_END, "confirmed deployment window", problems);
    if (!v.flag(ROLLBACK_PROCEDURE_CONFIRMED)) {
      problems.add("Confirm the rollback procedure with the team before scheduling.");
    }
    validator.emailList(v, STAKEHOLDER_EMAILS, problems);
    validator.lengths(v, problems, STAKEHOLDER_EMAILS, SCHEDULING_NOTES);
    problems.throwIfAny();
    v.set(SCHEDULED_BY, actingUser(task));
    // the invitation for this window: the first one, or an update of the event sent before
    v.set(CALENDAR_SEQUENCE, v.has(CALENDAR_SEQUENCE) ? v.number(CALENDAR_SEQUENCE, 0) + 1 : 0);
  }

  private void executed(ProcessVariables v, Problems problems) {
    String outcome = v.string(EXECUTION_OUTCOME);
    if (outcome == null || !OUTCOMES.contains(outcome)) {
      problems.add(
          "Choose the outcome of the deployment: deployed successfully, critical issue or reschedule.");
    }
    if (Value.OUTCOME_CRITICAL_ISSUE.equals(outcome) && v.string(EXECUTION_NOTES) == null) {
      problems.add("Describe the critical issue in the execution notes.");
    }
    if (Value.OUTCOME_RESCHEDULE.equals(outcome) && v.string(EXECUTION_NOTES) == null) {
      problems.add(
          "Say in the execution notes why the window cannot be used; everyone gets the new one.");
    }
    validator.lengths(v, problems, EXECUTION_NOTES);
  }

  private void notesWhenFailed(
      ProcessVariables v, Problems problems, boolean passed, String notes, String label) {
    if (!passed && v.string(notes) == null) {
      problems.add(label + " are required when a check failed: say what failed.");
    }
    validator.lengths(v, problems, notes);
  }

  private void rolledBack(ProcessVariables v, Problems problems) {
    if (!v.flag(ROLLBACK_COMPLETED)) {
      problems.add(
          "Complete this task only once the rollback is done and the service restored; tick the box then.");
    }
    validator.required(v, ROLLBACK_NOTES, "Rollback notes", problems);
    validator.lengths(v, problems, ROLLBACK_NOTES);
    v.set(DEPLOYMENT_OUTCOME, Value.ROLLED_BACK);
    if (v.has(CALENDAR_SEQUENCE)) {
      // the cancellation of the invitation sent is a change of the event
      v.set(CALENDAR_SEQUENCE, v.number(CALENDAR_SEQUENCE, 0) + 1);
    }
  }

  private void proposeWindow(ProcessVariables v) {
    if (!v.has(CONFIRMED_WINDOW_START)) {
      v.set(CONFIRMED_WINDOW_START, v.string(WINDOW_START));
      v.set(CONFIRMED_WINDOW_END, v.string(WINDOW_END));
    }
    if (!v.has(ROLLBACK_PROCEDURE_CONFIRMED)) {
      v.set(ROLLBACK_PROCEDURE_CONFIRMED, false);
    }
  }

  private String actingUser(DelegateTask task) {
    String user = authenticatedUser();
    return user != null ? user : task.getAssignee();
  }

  private String authenticatedUser() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }
}
