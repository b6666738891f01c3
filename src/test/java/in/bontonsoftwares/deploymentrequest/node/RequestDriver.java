package in.bontonsoftwares.deploymentrequest.node;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static in.bontonsoftwares.deploymentrequest.process.TestRequests.restVariables;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.core.ConditionFactory;

/**
 * The happy path of a request, in one place: who works which user task with what, in order ({@link
 * #STEPS}: the request passes its checklist check, is approved at once, scheduled for a window that
 * opens at once, executed, verified and documented). Tests that work requests through another door
 * take the steps from here too (the Java API in {@code PostgresProfileTest}, the benchmark's queues
 * in {@code bench.Workload}).
 *
 * <p>A driver plays the people of one request over Camunda's REST API against whichever node {@code
 * nodes} names at each call, as a load balancer would spread them; the nodes' job executors do the
 * rest. It is {@link #resilient} for the cluster and kill tests (a call that fails is tried again,
 * and a step that went through is recognised, so that nothing is done twice) or {@link #strict} for
 * an end-to-end test (any failed call fails the test at once).
 */
public final class RequestDriver {

  /**
   * A user task of the request's way through, who works it and what they enter (made when they
   * enter it).
   */
  public record Step(String taskKey, String user, Supplier<Map<String, Object>> form) {}

  public static final Step REVIEW =
      new Step(REVIEW_REQUEST, "sofia", () -> TestRequests.review(Value.DECISION_APPROVE, "Fine"));
  public static final Step SCHEDULE =
      new Step(SCHEDULE_DEPLOYMENT, "sofia", TestRequests::scheduleNow);
  public static final Step EXECUTE =
      new Step(EXECUTE_DEPLOYMENT, "sam", () -> Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS));
  public static final Step VERIFY =
      new Step(
          VERIFY_HEALTH,
          "sam",
          () -> Map.of(HEALTH_CHECKS_PASSED, true, DASHBOARDS_REVIEWED, true));
  public static final Step DOCUMENT =
      new Step(DOCUMENT_DEPLOYMENT, "sofia", TestRequests::documentation);

  /** Who submits the requests. */
  public static final String REQUESTER = "dana";

  /** The user tasks of a request that is approved at once and deployed, in order. */
  public static final List<Step> STEPS = List.of(REVIEW, SCHEDULE, EXECUTE, VERIFY, DOCUMENT);

  /**
   * The mails of a request's process on that path, by the type in their {@code Message-ID} ({@code
   * <number>.<type>.r1@...}): the confirmation to the requester, to DevSecOps, the schedule, the
   * window open, the status, the record. Not the task mails to people ({@code
   * <number>.task.<task>.<event>.<user>@...}), which go after commit and are never retried.
   */
  public static final List<String> MAILS =
      List.of(
          "submitted",
          "request",
          "schedule_confirmed",
          "window_open",
          "verification_status",
          "deployment_record");

  /**
   * Who looks at a request's state from outside, as an admin does in Cockpit: sees every task and
   * instance.
   */
  private static final String OBSERVER = "admin";

  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);

  private final EngineRest rest;
  private final Map<String, Object> request;
  private final boolean retryFailedCalls;

  private RequestDriver(
      Supplier<String> nodes, Map<String, Object> request, boolean retryFailedCalls) {
    this.rest = new EngineRest(nodes);
    this.retryFailedCalls = retryFailedCalls;
    this.request = new HashMap<>(request);
    // a version no other request has, to find this request again when its submission was cut off
    this.request.put(VERSION, "2.4.1-r" + UUID.randomUUID().toString().substring(0, 8));
    // no automated health check unless asked for (withHealthCheck): the nodes run the default
    // configuration, whose watch window in production is 30 minutes
    this.request.remove(HEALTH_CHECK_URL);
  }

  /**
   * The request gives {@code url} as its health-check URL, which the nodes probe during execution
   * and in the watch window (for nodes started with short checks); before {@link #submit()}.
   */
  public RequestDriver withHealthCheck(String url) {
    request.put(HEALTH_CHECK_URL, url);
    return this;
  }

  /** A driver that tries failed calls again: for nodes that die under it. */
  public static RequestDriver resilient(Supplier<String> nodes, Map<String, Object> request) {
    return new RequestDriver(nodes, request, true);
  }

  /** A driver for which any failed call (an answer that is no success) fails the test at once. */
  public static RequestDriver strict(Supplier<String> nodes, Map<String, Object> request) {
    return new RequestDriver(nodes, request, false);
  }

  /**
   * Submits the request; returns {instance id, request number}. When the node dies under the call,
   * the outcome is unknown until its transaction is gone: the request is looked for, and submitted
   * again only if it is not there.
   */
  public String[] submit() {
    return waiting(Duration.ofMillis(500))
        .until(
            () -> {
              JsonNode found =
                  call(
                      "sofia",
                      "GET",
                      "/engine-rest/process-instance?variables="
                          + VERSION
                          + "_eq_"
                          + request.get(VERSION),
                      null);
              JsonNode started =
                  !found.isEmpty()
                      ? found.get(0)
                      : call(
                          REQUESTER,
                          "POST",
                          "/engine-rest/process-definition/key/"
                              + DeploymentRequestProcess.KEY
                              + "/submit-form",
                          restVariables(request),
                          200);
              return new String[] {started.get("id").asText(), started.get("businessKey").asText()};
            },
            started -> started != null);
  }

  /** Whether the request is known, running or finished. */
  public boolean exists(String instance) {
    return !call(
            OBSERVER,
            "GET",
            "/engine-rest/history/process-instance?processInstanceId=" + instance,
            null)
        .isEmpty();
  }

  public void review(String instance) {
    work(instance, REVIEW);
  }

  /** Works every step of the happy path, then waits until the request has ended. */
  public void playHappyPath(String instance) {
    review(instance);
    runToTheEnd(instance);
  }

  /** Works the steps after the review, then waits until the request has ended. */
  public void runToTheEnd(String instance) {
    for (Step step : STEPS.subList(1, STEPS.size())) {
      work(instance, step);
    }
    awaitCompleted(instance);
  }

  public void awaitCompleted(String instance) {
    waiting(Duration.ofMillis(300))
        .until(
            () ->
                "COMPLETED"
                    .equals(
                        call(
                                "sofia",
                                "GET",
                                "/engine-rest/history/process-instance/" + instance,
                                null)
                            .get("state")
                            .asText()));
  }

  /**
   * Waits for the step's task, claims and completes it; returns once the completion was
   * acknowledged. A call that fails (a node that died under it) is tried again on the next node,
   * and a step that already went through is recognised in the history, so that nothing is done
   * twice.
   */
  public void work(String instance, Step step) {
    String query = query(instance, step);
    waiting(Duration.ofMillis(300))
        .until(
            () -> {
              if (!call(
                      step.user(), "GET", "/engine-rest/history/task?finished=true&" + query, null)
                  .isEmpty()) {
                return true;
              }
              JsonNode tasks = call(step.user(), "GET", "/engine-rest/task?" + query, null);
              if (tasks.isEmpty()) {
                return false;
              }
              String task = tasks.get(0).get("id").asText();
              if (tasks.get(0).get("assignee").isNull()) {
                call(
                    step.user(),
                    "POST",
                    "/engine-rest/task/" + task + "/claim",
                    Map.of("userId", step.user()),
                    204);
              }
              call(
                  step.user(),
                  "POST",
                  "/engine-rest/task/" + task + "/submit-form",
                  restVariables(step.form().get()),
                  204);
              return true;
            });
  }

  /**
   * Waits for the step's task and claims it for the step's user, without completing it (as someone
   * who starts the work: "Execute deployment" claimed starts the checks during execution).
   */
  public void claim(String instance, Step step) {
    String query = query(instance, step);
    waiting(Duration.ofMillis(300))
        .until(
            () -> {
              JsonNode tasks = call(step.user(), "GET", "/engine-rest/task?" + query, null);
              if (tasks.isEmpty()) {
                return false;
              }
              if (tasks.get(0).get("assignee").isNull()) {
                call(
                    step.user(),
                    "POST",
                    "/engine-rest/task/" + tasks.get(0).get("id").asText() + "/claim",
                    Map.of("userId", step.user()),
                    204);
              }
              return true;
            });
  }

  /** Whether the step's task was completed, and none of it is open. */
  public boolean isDone(String instance, Step step) {
    String query = query(instance, step);
    return !call(OBSERVER, "GET", "/engine-rest/history/task?finished=true&" + query, null)
            .isEmpty()
        && call(OBSERVER, "GET", "/engine-rest/task?" + query, null).isEmpty();
  }

  /** The task keys of the request's open tasks, one entry per task. */
  public List<String> openTasks(String instance) {
    List<String> keys = new ArrayList<>();
    call(OBSERVER, "GET", "/engine-rest/task?processInstanceId=" + instance, null)
        .forEach(task -> keys.add(task.get("taskDefinitionKey").asText()));
    return keys;
  }

  private ConditionFactory waiting(Duration poll) {
    ConditionFactory waiting = await().atMost(STEP_TIMEOUT).pollInterval(poll);
    return retryFailedCalls ? waiting.ignoreExceptions() : waiting;
  }

  private static String query(String instance, Step step) {
    return "processInstanceId=" + instance + "&taskDefinitionKey=" + step.taskKey();
  }

  private JsonNode call(String user, String method, String path, Object body) {
    return rest.call(user, method, path, body);
  }

  /** A call that changes something: a strict driver also wants its exact status. */
  private JsonNode call(String user, String method, String path, Object body, int expected) {
    return rest.call(user, method, path, body, retryFailedCalls ? 0 : expected);
  }
}
