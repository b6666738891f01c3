package in.bontonsoftwares.deploymentrequest.health;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.ENVIRONMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.mail.SeparateSmtpServer;
import in.bontonsoftwares.deploymentrequest.node.AppNode;
import in.bontonsoftwares.deploymentrequest.node.EngineRest;
import in.bontonsoftwares.deploymentrequest.node.RequestDriver;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The "done when", in the default run (the embedded defaults and the demo, as {@code ./mvnw
 * spring-boot:run} starts them, only the checks' timings shortened): a development request whose
 * health URL is the demo service's, deployed and then broken during its watch window, is rolled
 * back by the demo's rollback webhook without anyone clicking, and its record holds every probe.
 * Nothing but the people's steps goes over REST; the node's job executor does the rest. On the way
 * it posts its thread to the demo's Slack (issue 18's first "done when"): one thread a channel, in
 * the configured {@code #deployments} and in the request's own channel, every event in order.
 */
class DefaultRunHealthTest {

  @RegisterExtension static final SeparateSmtpServer SMTP = new SeparateSmtpServer();

  private static AppNode node;
  private static EngineRest rest;

  @BeforeAll
  static void startTheDefaultRun() throws Exception {
    Path work = Files.createTempDirectory("default-run-health");
    node =
        new AppNode(
                "default",
                AppNode.freePort(),
                AppNode.TEST_JVM,
                List.of(
                    "--spring.mail.host=127.0.0.1",
                    "--spring.mail.port=" + SMTP.port(),
                    // timings only: rounds every half second, an idle job executor looking
                    // for due jobs every 0.2 s (the default run's: up to 5 s)
                    "--deployment-request.health.request-check.interval=PT0.5S",
                    "--camunda.bpm.job-execution.wait-time-in-millis=200",
                    "--camunda.bpm.job-execution.max-wait=500",
                    "--deployment-request.health.environments.development.watch-window=PT20S"),
                work.resolve("default.log"))
            .start();
    rest = new EngineRest(node::baseUrl);
  }

  @AfterAll
  static void stopIt() throws Exception {
    node.close();
  }

  @Test
  void shouldRollBackARequestWhoseServiceTurnsUnhealthyInItsWatchWindowWithoutAnyoneClicking()
      throws Exception {
    // given a development request whose health URL is the demo service's, deployed
    String service = "/api/demo/services/payments-api/health";
    Map<String, Object> request = new HashMap<>(TestRequests.validRequest());
    request.put(ENVIRONMENT, "development");
    RequestDriver driver =
        RequestDriver.strict(node::baseUrl, request).withHealthCheck(node.baseUrl() + service);
    String[] submitted = driver.submit();
    String instance = submitted[0];
    String number = submitted[1];
    driver.review(instance);
    driver.work(instance, RequestDriver.SCHEDULE);
    // sam claims the execution: the checks during execution run, six of them, then sam completes
    await().atMost(Duration.ofSeconds(60)).until(() -> executionTask(instance) != null);
    rest.call(
        "sam",
        "POST",
        "/engine-rest/task/" + executionTask(instance) + "/claim",
        Map.of("userId", "sam"),
        204);
    await().atMost(Duration.ofSeconds(60)).until(DefaultRunHealthTest::executionAnalysisFinished);
    driver.work(instance, RequestDriver.EXECUTE);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> activeActivities(instance).contains(TIMER_NEXT_HEALTH_CHECK));

    // when DevSecOps break the service during the watch window
    rest.call("sam", "PUT", service, Map.of("status", "DOWN"), 200);

    // then the checks roll it back through the demo's webhook, and the service is healthy again
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> activeActivities(instance).contains(DOCUMENT_DEPLOYMENT));
    JsonNode rollbacks = rest.call("sam", "GET", "/api/demo/rollbacks", null);
    assertThat(rollbacks).hasSize(1);
    assertThat(rollbacks.get(0).get("requestNumber").asText()).isEqualTo(number);
    assertThat(rollbacks.get(0).get("reason").asText())
        .startsWith("Health checks failed in the watch window");
    assertThat(rest.call("admin", "GET", service, null, 200).get("status").asText())
        .isEqualTo("UP");
    assertThat(finishedTasks(instance)).doesNotContain(ROLL_BACK_DEPLOYMENT, VERIFY_HEALTH);
    assertThat(rest.call("sam", "GET", "/api/change-tickets?status=ROLLED_BACK", null).toString())
        .contains(number);

    // and once documented, the record holds every probe
    driver.work(instance, RequestDriver.DOCUMENT);
    driver.awaitCompleted(instance);
    JsonNode record = rest.call("sofia", "GET", "/api/records/" + number + "/json", null);
    assertThat(record.path("outcome").asText()).isEqualTo("ROLLED_BACK");
    JsonNode watch = record.path("healthChecks").path("watch");
    assertThat(watch.path("state").asText()).isEqualTo("FAILED");
    assertThat(watch.path("probes").toString()).contains("\"SUCCESSFUL\"", "\"FAILED\"", "503");
    JsonNode execution = record.path("healthChecks").path("execution");
    assertThat(execution.path("state").asText()).isEqualTo("SUCCESSFUL");
    assertThat(execution.path("probes").size()).isEqualTo(6);
    assertThat(SMTP.mailsBySubject(number).keySet())
        .anyMatch(subject -> subject.contains("Deployment Rolled Back"));

    // and its events went to the demo's Slack as one thread in each channel, none failed
    for (String channel : List.of("#deployments", "#deploy-payments")) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertThreadPosted(channel, number));
    }
    assertThat(rest.call("admin", "GET", "/api/chat/messages?state=FAILED", null)).isEmpty();
  }

  /**
   * The request's thread in {@code channel} of the demo's Slack: its first message (with a ts) says
   * it was submitted, every later one carries that ts as {@code thread_ts}, and together they tell
   * the request's story in order.
   */
  private static void assertThreadPosted(String channel, String number) {
    JsonNode channels =
        rest.call("sofia", "GET", "/api/demo/slack/messages", null).path("channels");
    JsonNode inChannel = null;
    for (JsonNode candidate : channels) {
      if (candidate.path("name").asText().equals(channel)) {
        inChannel = candidate;
      }
    }
    assertThat(inChannel).as("channel %s in %s", channel, channels).isNotNull();
    List<JsonNode> threads = new ArrayList<>();
    inChannel
        .path("messages")
        .forEach(
            thread -> {
              if (thread.path("text").asText().startsWith(number + " ")) {
                threads.add(thread);
              }
            });
    assertThat(threads).as("%s's threads in %s", number, channel).hasSize(1);
    JsonNode thread = threads.get(0);
    String ts = thread.path("ts").asText();
    assertThat(ts).matches("[0-9]{10}\\.[0-9]{6}");
    assertThat(thread.has("thread_ts")).isFalse();
    List<String> events = new ArrayList<>(List.of(event(thread, number)));
    for (JsonNode reply : thread.path("replies")) {
      assertThat(reply.path("thread_ts").asText()).isEqualTo(ts);
      assertThat(reply.path("ts").asText()).isNotEqualTo(ts);
      events.add(event(reply, number));
    }
    assertThat(events)
        .containsSubsequence(
            "submitted for review",
            "approved",
            "scheduled",
            "window open",
            "deployment succeeded",
            "rolled back")
        .doesNotHaveDuplicates();
    // the messages link to the request's page
    assertThat(thread.path("blocks").toString()).contains("requests.html?request=" + number);
  }

  /** "approved", from "DR-2026-0001 approved: Payments Platform · Development". */
  private static String event(JsonNode message, String number) {
    String text = message.path("text").asText();
    assertThat(text).startsWith(number + " ").contains(":");
    return text.substring(number.length() + 1, text.indexOf(':'));
  }

  private static String executionTask(String instance) {
    JsonNode tasks =
        rest.call(
            "sam",
            "GET",
            "/engine-rest/task?taskDefinitionKey="
                + EXECUTE_DEPLOYMENT
                + "&processInstanceId="
                + instance,
            null);
    return tasks.isEmpty() ? null : tasks.get(0).get("id").asText();
  }

  /** Whether the node counted an execution analysis as finished (its Prometheus metrics). */
  private static boolean executionAnalysisFinished() {
    String metrics =
        new String(rest.download("admin", "/actuator/prometheus"), StandardCharsets.UTF_8);
    return metrics
        .lines()
        .anyMatch(
            line ->
                line.startsWith("deployment_health_analyses_total{")
                    && line.contains("phase=\"EXECUTION\"")
                    && line.contains("state=\"SUCCESSFUL\"")
                    && !line.endsWith(" 0.0"));
  }

  private static List<String> activeActivities(String instance) {
    List<String> ids = new ArrayList<>();
    rest.call(
            "admin",
            "GET",
            "/engine-rest/history/activity-instance?unfinished=true&processInstanceId=" + instance,
            null)
        .forEach(activity -> ids.add(activity.get("activityId").asText()));
    return ids;
  }

  private static List<String> finishedTasks(String instance) {
    List<String> keys = new ArrayList<>();
    rest.call("admin", "GET", "/engine-rest/history/task?processInstanceId=" + instance, null)
        .forEach(task -> keys.add(task.get("taskDefinitionKey").asText()));
    return keys;
  }
}
