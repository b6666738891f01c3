package in.bontonsoftwares.deploymentrequest.bench;

import static in.bontonsoftwares.deploymentrequest.process.TestRequests.restVariables;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.node.EngineRest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * R2: what a reviewer waits for in Tasklist: claim a task and submit its form, over REST, while
 * {@code clients} reviewers do the same at once. Each reviewer works tasks nobody else takes, so
 * every call is a success.
 */
final class TaskLatency {

  private final EngineRest rest;

  TaskLatency(String baseUrl) {
    this.rest = new EngineRest(() -> baseUrl);
  }

  /**
   * Starts {@code count} requests and waits until their review tasks are open; returns the task
   * ids.
   */
  List<String> openReviewTasks(int count) throws Exception {
    Workload workload = Workload.deploymentRequest();
    String reviewKey = workload.steps().get(0).taskKey();
    String criteria =
        "?processDefinitionKey="
            + workload.processKey()
            + "&taskDefinitionKey="
            + reviewKey
            + "&unassigned=true";
    int before = openReviews(criteria);
    ExecutorService starters = Executors.newFixedThreadPool(4);
    try {
      List<Future<JsonNode>> started = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        started.add(
            starters.submit(
                () ->
                    rest.call(
                        workload.starter(),
                        "POST",
                        "/engine-rest/process-definition/key/"
                            + workload.processKey()
                            + "/submit-form",
                        restVariables(workload.startForm().get()))));
      }
      for (Future<JsonNode> start : started) {
        start.get();
      }
    } finally {
      starters.shutdownNow();
    }
    // the review task appears once the submission job (mail to DevSecOps) has run
    while (openReviews(criteria) < before + count) {
      Thread.sleep(200);
    }
    List<String> ids = new ArrayList<>();
    rest.call(
            "sofia",
            "GET",
            "/engine-rest/task" + criteria + "&sortBy=created&sortOrder=desc&maxResults=" + count,
            null)
        .forEach(task -> ids.add(task.get("id").asText()));
    return ids;
  }

  private int openReviews(String criteria) {
    return rest.call("sofia", "GET", "/engine-rest/task/count" + criteria, null)
        .get("count")
        .asInt();
  }

  /**
   * Claim + submit latencies in milliseconds, {@code perClient} tasks for each of {@code clients}
   * reviewers.
   */
  List<Double> claimAndComplete(ConcurrentLinkedQueue<String> tasks, int clients, int perClient)
      throws Exception {
    Map<String, Object> form =
        restVariables(Workload.deploymentRequest().steps().get(0).form().get());
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    ExecutorService reviewers = Executors.newFixedThreadPool(clients);
    try {
      List<? extends Future<?>> work =
          IntStream.range(0, clients)
              .mapToObj(
                  i ->
                      reviewers.submit(
                          () -> {
                            String reviewer = i % 2 == 0 ? "sofia" : "sam";
                            for (int n = 0; n < perClient; n++) {
                              String task = tasks.remove();
                              long start = System.nanoTime();
                              rest.call(
                                  reviewer,
                                  "POST",
                                  "/engine-rest/task/" + task + "/claim",
                                  Map.of("userId", reviewer));
                              rest.call(
                                  reviewer,
                                  "POST",
                                  "/engine-rest/task/" + task + "/submit-form",
                                  form);
                              latencies.add((System.nanoTime() - start) / 1e6);
                            }
                          }))
              .toList();
      for (Future<?> reviewer : work) {
        reviewer.get();
      }
    } finally {
      reviewers.shutdownNow();
    }
    return latencies;
  }
}
