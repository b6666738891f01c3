package in.bontonsoftwares.deploymentrequest.process;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;

import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Requests and form submissions as people would enter them. */
public final class TestRequests {

  private TestRequests() {}

  /**
   * The ids of the default checklist (application.yaml), for tests without the app's configuration
   * at hand.
   */
  private static final List<String> DEFAULT_CHECKLIST =
      List.of(
          "CodeReviewed",
          "TestsPassing",
          "SecurityScansClean",
          "VerifiedInLowerEnvironment",
          "DatabaseChangesReviewed",
          "ConfigurationInPlace",
          "RollbackPlanTested",
          "MonitoringReady",
          "ReleaseNotesWritten",
          "OnCallArranged",
          "OwnerApproval");

  /** A complete, valid production request with the default checklist all ticked. */
  public static Map<String, Object> validRequest() {
    return validRequest(DEFAULT_CHECKLIST);
  }

  /** A complete, valid production request whose preferred window opens in a day. */
  public static Map<String, Object> validRequest(DeploymentRequestProperties properties) {
    return validRequest(properties.checklist().items().stream().map(item -> item.id()).toList());
  }

  private static Map<String, Object> validRequest(List<String> checklistIds) {
    Instant start = TestClock.now().plus(Duration.ofDays(1));
    Map<String, Object> request = new HashMap<>();
    request.put(PROJECT_NAME, "Payments");
    request.put(APPLICATION_NAME, "payments-api");
    request.put(VERSION, "2.4.1");
    request.put(ENVIRONMENT, "production");
    request.put(CHANGE_DESCRIPTION, "Adds refunds by bank transfer");
    request.put(WINDOW_START, WindowTime.store(start));
    request.put(WINDOW_END, WindowTime.store(start.plus(Duration.ofHours(2))));
    request.put(ROLLBACK_PLAN, "Redeploy 2.4.0 with the pipeline's rollback job; no schema change");
    request.put(ON_CALL_NAME, "Olivia Oncall");
    request.put(ON_CALL_EMAIL, "olivia@example.com");
    request.put(ON_CALL_PHONE, "+91 98765 43210");
    request.put(REALTIME_CHANNEL, "#deploy-payments");
    request.put(STAKEHOLDER_EMAILS, "product@example.com, support@example.com");
    // a host the demo profile allows: nodes of the cluster test and the benchmarks run without
    // the test profile's allowed hosts
    request.put(HEALTH_CHECK_URL, "http://localhost:8080/actuator/health");
    request.put(SMOKE_TESTS_APPLY, false);
    request.put(QA_VALIDATION_APPLIES, false);
    checklistIds.forEach(
        id -> {
          request.put(CHECKLIST_PREFIX + id, true);
          request.put(
              CHECKLIST_PREFIX + id + CHECKLIST_EVIDENCE_SUFFIX, "https://ci.example.com/" + id);
        });
    return request;
  }

  public static Map<String, Object> review(String decision, String comments) {
    Map<String, Object> review = new HashMap<>();
    for (ReviewPoint point : ReviewPoint.values()) {
      review.put(point.variable().name(), true);
    }
    review.put(RISK_LEVEL, "medium");
    review.put(REVIEW_COMMENTS, comments);
    review.put(REVIEW_DECISION, decision);
    return review;
  }

  /**
   * Scheduling that confirms a window opening now, so that the window timer is due at once, having
   * read its conflicts (the suite's other windows share the application and on-call contact).
   */
  public static Map<String, Object> scheduleNow() {
    Instant start = TestClock.now();
    Map<String, Object> schedule = new HashMap<>();
    schedule.put(CONFIRMED_WINDOW_START, WindowTime.store(start));
    schedule.put(CONFIRMED_WINDOW_END, WindowTime.store(start.plus(Duration.ofHours(1))));
    schedule.put(ROLLBACK_PROCEDURE_CONFIRMED, true);
    schedule.put(CONFIRM_DESPITE_CONFLICTS, true);
    schedule.put(SCHEDULING_NOTES, "Freeze on payments-api during the window");
    return schedule;
  }

  public static Map<String, Object> documentation() {
    return Map.of(
        ISSUES_AND_RESOLUTIONS,
        "None",
        POST_DEPLOYMENT_METRICS,
        "p95 latency 180 ms, error rate 0.1%",
        LESSONS_LEARNED,
        "Announce the window a day earlier");
  }

  /** Form values in Camunda's REST format: {"variables": {"name": {"value": ..., "type": ...}}}. */
  public static Map<String, Object> restVariables(Map<String, Object> values) {
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    values.forEach(
        (name, value) ->
            variables.put(
                name,
                Map.of("value", value, "type", value instanceof Boolean ? "Boolean" : "String")));
    return Map.of("variables", variables);
  }
}
