package in.bontonsoftwares.deploymentrequest.bench;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;

import in.bontonsoftwares.deploymentrequest.node.EngineRest;
import in.bontonsoftwares.deploymentrequest.node.RequestDriver;
import in.bontonsoftwares.deploymentrequest.node.RequestDriver.Step;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the benchmark's people do with one process: who starts it with which form, and which user
 * task is worked by whom with which form, in order. The Deployment Request is played on its happy
 * path ({@link RequestDriver#STEPS}, as in the walk-through: approved at once, a window that opens
 * now, deployed, healthy, documented); the baseline has the same shape and the same people, and no
 * forms. Forms are variables by name; the people send them as REST variables.
 */
record Workload(
    String name,
    String processKey,
    String starter,
    Supplier<Map<String, Object>> startForm,
    List<Step> steps) {

  static final String BASELINE_KEY = "BenchmarkBaselineProcess";

  static Workload deploymentRequest() {
    return new Workload(
        "Deployment Request",
        DeploymentRequestProcess.KEY,
        RequestDriver.REQUESTER,
        TestRequests::validRequest,
        RequestDriver.STEPS);
  }

  static Workload baseline() {
    Supplier<Map<String, Object>> nothing = Map::of;
    return new Workload(
        "Baseline (same shape, no-op)",
        BASELINE_KEY,
        "dana",
        nothing,
        List.of(
            new Step("Review", "sofia", nothing),
            new Step("Schedule", "sofia", nothing),
            new Step("Execute", "sam", nothing),
            new Step("Verify", "sam", nothing),
            new Step("Document", "sofia", nothing)));
  }

  /**
   * Deploys the baseline on the engine behind {@code baseUrl} (once: duplicates are filtered) and
   * gives the people the grants they have on the Deployment Request, so that both processes run
   * under the same authorization checks.
   */
  static void deployBaseline(String baseUrl) {
    byte[] bpmn;
    try (InputStream in = Workload.class.getResourceAsStream("/bench/BaselineProcess.bpmn")) {
      bpmn = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String boundary = "----bench" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    part(
        body,
        boundary,
        "deployment-name",
        null,
        "benchmark-baseline".getBytes(StandardCharsets.UTF_8));
    part(
        body,
        boundary,
        "enable-duplicate-filtering",
        null,
        "true".getBytes(StandardCharsets.UTF_8));
    part(body, boundary, "data", "BaselineProcess.bpmn", bpmn);
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/engine-rest/deployment/create"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            ("admin:" + EngineRest.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "Baseline deployment answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    EngineRest rest = new EngineRest(() -> baseUrl);
    grant(rest, "developers", List.of("READ", "CREATE_INSTANCE"));
    grant(rest, "devsecops", List.of("READ", "READ_INSTANCE", "READ_HISTORY", "READ_TASK"));
  }

  private static void grant(EngineRest rest, String group, List<String> permissions) {
    List<?> existing =
        rest.call(
                "admin",
                "GET",
                "/engine-rest/authorization?groupIdIn="
                    + group
                    + "&resourceType=6&resourceId="
                    + BASELINE_KEY,
                null)
            .findValues("id");
    if (existing.isEmpty()) {
      rest.call(
          "admin",
          "POST",
          "/engine-rest/authorization/create",
          Map.of(
              "type",
              1,
              "groupId",
              group,
              "resourceType",
              6,
              "resourceId",
              BASELINE_KEY,
              "permissions",
              permissions));
    }
  }

  private static void part(
      ByteArrayOutputStream body, String boundary, String name, String fileName, byte[] content) {
    String header =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + name
            + "\""
            + (fileName == null
                ? ""
                : "; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream")
            + "\r\n\r\n";
    body.writeBytes(header.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
  }
}
