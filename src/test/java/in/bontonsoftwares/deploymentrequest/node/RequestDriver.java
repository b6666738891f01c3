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

/**
 * Plays the people of one request over Camunda's REST API against whichever node {@code nodes}
 * names at each call, as a load balancer would spread them: submit, approve, schedule a window that
 * opens at once, execute, verify, document; the nodes' job executors do the rest.
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

  /** The user tasks of a request that is approved at once and deployed, in order. */
  public static final List<Step> STEPS = List.of(REVIEW, SCHEDULE, EXECUTE, VERIFY, DOCUMENT);

  /**
   * Who looks at a request's state from outside, as an admin does in Cockpit: sees every task and
   * instance.
   */
  private static final String OBSERVER = "admin";

  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);

  private final EngineRest rest;
  private final Map<String, Object> request;

  public RequestDriver(Supplier<String> nodes, Map<String, Object> request) {
    this.rest = new EngineRest(nodes);
    this.request = new HashMap<>(request);
    // a version no other request has, to find this request again when its submission was cut off
    this.request.put(VERSION, "2.4.1-r" + UUID.randomUUID().toString().substring(0, 8));
  }

  /**
   * Submits the request; returns {instance id, request number}. When the node dies under the call,
   * the outcome is unknown until its transaction is gone: the request is looked for, and submitted
   * again only if it is not there.
   */
  public String[] submit() {
    return await()
        .atMost(STEP_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
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
                          "dana",
                          "POST",
                          "/engine-rest/process-definition/key/"
                              + DeploymentRequestProcess.KEY
                              + "/submit-form",
                          restVariables(request));
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

  public void runToTheEnd(String instance) {
    for (Step step : STEPS.subList(1, STEPS.size())) {
      work(instance, step);
    }
    awaitCompleted(instance);
  }

  public void awaitCompleted(String instance) {
    await()
        .atMost(STEP_TIMEOUT)
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
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
    await()
        .atMost(STEP_TIMEOUT)
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
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
                    Map.of("userId", step.user()));
              }
              call(
                  step.user(),
                  "POST",
                  "/engine-rest/task/" + task + "/submit-form",
                  restVariables(step.form().get()));
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

  private static String query(String instance, Step step) {
    return "processInstanceId=" + instance + "&taskDefinitionKey=" + step.taskKey();
  }

  private JsonNode call(String user, String method, String path, Object body) {
    return rest.call(user, method, path, body);
  }
}
