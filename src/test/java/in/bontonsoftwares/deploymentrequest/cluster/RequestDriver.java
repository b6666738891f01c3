package in.bontonsoftwares.deploymentrequest.cluster;

import static in.bontonsoftwares.deploymentrequest.process.TestRequests.restVariables;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.node.EngineRest;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Plays the people of one request over Camunda's REST API against whichever node {@code nodes} names at each call,
 * as a load balancer would spread them: submit, approve, schedule a window that opens at once, execute, verify,
 * document; the nodes' job executors do the rest.
 */
final class RequestDriver {

  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);

  private final EngineRest rest;
  private final Map<String, Object> request;

  RequestDriver(Supplier<String> nodes, Map<String, Object> request) {
    this.rest = new EngineRest(nodes);
    this.request = new HashMap<>(request);
    // a version no other request has, to find this request again when its submission was cut off
    this.request.put(VERSION, "2.4.1-r" + UUID.randomUUID().toString().substring(0, 8));
  }

  /**
   * Submits the request; returns {instance id, request number}. When the node dies under the call, the outcome is
   * unknown until its transaction is gone: the request is looked for, and submitted again only if it is not there.
   */
  String[] submit() {
    return await().atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
      JsonNode found = call("sofia", "GET", "/engine-rest/process-instance?variables=" + VERSION + "_eq_"
          + request.get(VERSION), null);
      JsonNode started = !found.isEmpty() ? found.get(0) : call("dana", "POST", "/engine-rest/process-definition/key/"
          + DeploymentRequestProcess.KEY + "/submit-form", restVariables(request));
      return new String[] {started.get("id").asText(), started.get("businessKey").asText()};
    }, started -> started != null);
  }

  void review(String instance) {
    work(instance, REVIEW_REQUEST, "sofia", TestRequests.review(Value.DECISION_APPROVE, "Fine"));
  }

  void runToTheEnd(String instance) {
    work(instance, SCHEDULE_DEPLOYMENT, "sofia", TestRequests.scheduleNow());
    work(instance, EXECUTE_DEPLOYMENT, "sam", Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS));
    work(instance, VERIFY_HEALTH, "sam", Map.of(HEALTH_CHECKS_PASSED, true, DASHBOARDS_REVIEWED, true));
    work(instance, DOCUMENT_DEPLOYMENT, "sofia", TestRequests.documentation());
    await().atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> "COMPLETED"
        .equals(call("sofia", "GET", "/engine-rest/history/process-instance/" + instance, null).get("state").asText()));
  }

  /**
   * Waits for the task, claims and completes it. A call that fails (a node that died under it) is tried again on the
   * next node, and a step that already went through is recognised in the history, so that nothing is done twice.
   */
  private void work(String instance, String taskKey, String user, Map<String, Object> form) {
    String query = "processInstanceId=" + instance + "&taskDefinitionKey=" + taskKey;
    await().atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> {
      if (!call(user, "GET", "/engine-rest/history/task?finished=true&" + query, null).isEmpty()) {
        return true;
      }
      JsonNode tasks = call(user, "GET", "/engine-rest/task?" + query, null);
      if (tasks.isEmpty()) {
        return false;
      }
      String task = tasks.get(0).get("id").asText();
      if (tasks.get(0).get("assignee").isNull()) {
        call(user, "POST", "/engine-rest/task/" + task + "/claim", Map.of("userId", user));
      }
      call(user, "POST", "/engine-rest/task/" + task + "/submit-form", restVariables(form));
      return true;
    });
  }

  private JsonNode call(String user, String method, String path, Object body) {
    return rest.call(user, method, path, body);
  }

}
