package in.bontonsoftwares.deploymentrequest.pipeline;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a request stands, as the API names it: read from where the request waits in the model (or
 * how it ended). Every flow node of the model belongs to one state ({@code RequestStateTest}); when
 * a request is at several places at once (verification runs in parallel), the state furthest along
 * counts.
 */
public enum RequestState {
  SUBMITTED("Submitted; the checklist is being checked"),
  CHECKLIST_INCOMPLETE("The checklist is incomplete; the requester completes it"),
  IN_REVIEW("DevSecOps reviews the request"),
  CHANGES_REQUESTED("The reviewer asked for changes; the requester amends the request"),
  APPROVED("Approved; DevSecOps confirms the deployment window"),
  SCHEDULED("Scheduled; waiting for the confirmed window to open"),
  WINDOW_OPEN("The confirmed window is open; the deployment may start"),
  DEPLOYING("The deployment has started"),
  VERIFYING("Deployed; health checks, smoke tests and QA verify it"),
  ROLLING_BACK("A critical issue: the deployment is being rolled back"),
  DOCUMENTING("The deployment is being documented"),
  DEPLOYED("Deployed and documented"),
  ROLLED_BACK("Rolled back and documented"),
  REJECTED("Rejected by DevSecOps"),
  WITHDRAWN("Withdrawn by the requester"),
  CANCELLED("Cancelled by an administrator");

  private final String description;

  RequestState(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  public boolean isFinal() {
    return FINAL.contains(this);
  }

  static final Set<RequestState> FINAL =
      EnumSet.of(DEPLOYED, ROLLED_BACK, REJECTED, WITHDRAWN, CANCELLED);

  /** Each flow node of the model and the state a request has while it is there. */
  static final Map<String, RequestState> BY_ACTIVITY = new LinkedHashMap<>();

  /** How each end event ends a request. */
  static final Map<String, RequestState> BY_END =
      Map.of(
          END_DEPLOYED, DEPLOYED,
          END_ROLLED_BACK, ROLLED_BACK,
          END_REJECTED, REJECTED,
          END_WITHDRAWN, WITHDRAWN);

  static {
    at(
        SUBMITTED,
        "StartEvent_RequestSubmitted",
        CHECK_CHECKLIST,
        "Gateway_ChecklistComplete",
        // the confirmation runs beside the main path: any other activity is further along
        SEND_CONFIRMATION_EMAIL,
        END_CONFIRMATION_SENT);
    at(
        CHECKLIST_INCOMPLETE,
        SEND_CHECKLIST_INCOMPLETE_EMAIL,
        COMPLETE_CHECKLIST,
        "Gateway_ChecklistWithdrawn");
    at(
        IN_REVIEW,
        SEND_REQUEST_EMAIL,
        REVIEW_REQUEST,
        TIMER_REVIEW_OVERDUE,
        SEND_ESCALATION_EMAIL,
        END_ESCALATED,
        GATEWAY_REVIEW_DECISION);
    at(CHANGES_REQUESTED, SEND_CHANGES_REQUESTED_EMAIL, AMEND_REQUEST, "Gateway_AmendWithdrawn");
    at(REJECTED, ARCHIVE_REJECTION_RECORD, SEND_REJECTION_EMAIL, END_REJECTED);
    at(WITHDRAWN, ARCHIVE_WITHDRAWAL_RECORD, SEND_WITHDRAWAL_EMAIL, END_WITHDRAWN);
    at(
        APPROVED,
        SCHEDULE_DEPLOYMENT,
        GATEWAY_BREAK_GLASS_NEEDED,
        APPROVE_BREAK_GLASS,
        GATEWAY_BREAK_GLASS_DECISION,
        RETURN_CHANGE_TO_SCHEDULED,
        RESET_EXECUTION_OUTCOME);
    at(
        SCHEDULED,
        CREATE_CHANGE_TICKET,
        SEND_SCHEDULE_CONFIRMATION,
        WAIT_FOR_WINDOW,
        START_WAIT_FOR_WINDOW,
        TIMER_WINDOW_OPENS,
        END_WINDOW_OPENED,
        WINDOW_FROZEN,
        MARK_CHANGE_IN_PROGRESS,
        SEND_WINDOW_OPEN_EMAIL);
    // DEPLOYING once a deployment start was reported for this window (RequestSnapshot)
    at(
        WINDOW_OPEN,
        EXECUTE_DEPLOYMENT,
        DEPLOYMENT_STARTED,
        RECORD_DEPLOYMENT_START,
        END_DEPLOYMENT_START_RECORDED,
        DEPLOYMENT_SUCCEEDED,
        DEPLOYMENT_FAILED);
    at(
        VERIFYING,
        GATEWAY_EXECUTION_OUTCOME,
        // the watch window is the automated part of the health checks
        WATCH_DEPLOYMENT,
        START_WATCH_DEPLOYMENT,
        CHECK_HEALTH_IN_WATCH_WINDOW,
        "Gateway_WatchHealth",
        TIMER_NEXT_HEALTH_CHECK,
        END_WATCH_OVER,
        "Gateway_WatchOutcome",
        DECIDE_ON_HEALTH,
        "Gateway_HealthDecision",
        "Gateway_Watched",
        GATEWAY_VERIFICATION_FORK,
        "Gateway_VerifyAutomatically",
        RECORD_AUTOMATIC_VERIFICATION,
        "Gateway_HealthVerified",
        "Gateway_SmokeTestsApply",
        RUN_SMOKE_TESTS,
        "Gateway_SmokeTestsDone",
        VERIFY_HEALTH,
        "Gateway_QaValidationApplies",
        VALIDATE_QA,
        "Gateway_QaValidationDone",
        "Gateway_VerificationJoin",
        EVALUATE_VERIFICATION,
        "Gateway_VerificationPassed",
        CLOSE_CHANGE_TICKET,
        SEND_STATUS_EMAIL);
    at(
        ROLLING_BACK,
        "Gateway_RollBack",
        CALL_ROLLBACK_WEBHOOK,
        "Gateway_RolledBackAutomatically",
        SEND_CRITICAL_ISSUE_EMAIL,
        ROLL_BACK_DEPLOYMENT,
        MARK_CHANGE_ROLLED_BACK,
        SEND_ROLLBACK_EMAIL);
    at(
        DOCUMENTING,
        DOCUMENT_DEPLOYMENT,
        "Gateway_DeploymentOutcome",
        ARCHIVE_DEPLOYMENT_RECORD,
        SEND_DOCUMENTATION_EMAIL,
        END_DEPLOYED,
        END_ROLLED_BACK);
  }

  private static void at(RequestState state, String... activityIds) {
    for (String id : activityIds) {
      BY_ACTIVITY.put(id, state);
    }
  }

  /**
   * The state of a running request at these activities: the one furthest along, the order of this
   * enum (a request being rejected or withdrawn is nowhere else).
   */
  static RequestState running(Collection<String> activityIds) {
    RequestState state = null;
    for (String id : activityIds) {
      RequestState at = BY_ACTIVITY.get(id);
      if (at != null && (state == null || at.ordinal() > state.ordinal())) {
        state = at;
      }
    }
    return state == null ? SUBMITTED : state;
  }

  /** The activities at which a running request is in {@code state}. */
  static List<String> activitiesOf(RequestState state) {
    RequestState at = state == DEPLOYING ? WINDOW_OPEN : state;
    return BY_ACTIVITY.entrySet().stream()
        .filter(e -> e.getValue() == at)
        .map(Map.Entry::getKey)
        .toList();
  }
}
