package in.bontonsoftwares.deploymentrequest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.node.EngineRest;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R3: the reads people make all day, over REST as a DevSecOps reviewer (sofia): Tasklist's "My
 * groups' tasks" filter (first page of 15 and the count), the newest finished requests from the
 * history (first page and count, as a Cockpit history view or a report does), and the app's list of
 * deployment records (first page).
 */
final class QueryLatency {

  static final List<String> QUERIES =
      List.of(
          "Tasklist: My groups' tasks, page 1 + count",
          "History: newest finished requests, page 1 + count",
          "Records: /api/records, page 1");

  private final EngineRest rest;
  private final String filter;

  QueryLatency(String baseUrl) {
    this.rest = new EngineRest(() -> baseUrl);
    this.filter = findFilter("My groups' tasks");
  }

  /** Median milliseconds of each query over {@code times} calls, after two unmeasured ones. */
  Map<String, Double> measure(int times) {
    Map<String, Double> medians = new LinkedHashMap<>();
    medians.put(
        QUERIES.get(0),
        median(
            times,
            () -> {
              rest.call(
                  "sofia",
                  "POST",
                  "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15",
                  Map.of("sorting", List.of(Map.of("sortBy", "created", "sortOrder", "desc"))));
              rest.call("sofia", "GET", "/engine-rest/filter/" + filter + "/count", null);
            }));
    String finished = "processDefinitionKey=" + DeploymentRequestProcess.KEY + "&finished=true";
    medians.put(
        QUERIES.get(1),
        median(
            times,
            () -> {
              rest.call(
                  "sofia",
                  "GET",
                  "/engine-rest/history/process-instance?"
                      + finished
                      + "&sortBy=endTime&sortOrder=desc&firstResult=0&maxResults=15",
                  null);
              rest.call(
                  "sofia", "GET", "/engine-rest/history/process-instance/count?" + finished, null);
            }));
    medians.put(
        QUERIES.get(2), median(times, () -> rest.call("sofia", "GET", "/api/records", null)));
    return medians;
  }

  /** Open tasks of the Deployment Request process. */
  long openTasks() {
    return rest.call(
            "admin",
            "GET",
            "/engine-rest/task/count?processDefinitionKey=" + DeploymentRequestProcess.KEY,
            null)
        .get("count")
        .asLong();
  }

  private double median(int times, Runnable query) {
    query.run();
    query.run();
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      long start = System.nanoTime();
      query.run();
      millis.add((System.nanoTime() - start) / 1e6);
    }
    return Stats.of(millis).median();
  }

  private String findFilter(String name) {
    for (JsonNode found :
        rest.call("sofia", "GET", "/engine-rest/filter?resourceType=Task", null)) {
      if (name.equals(found.get("name").asText())) {
        return found.get("id").asText();
      }
    }
    throw new IllegalStateException("No Tasklist filter '" + name + "'");
  }
}
