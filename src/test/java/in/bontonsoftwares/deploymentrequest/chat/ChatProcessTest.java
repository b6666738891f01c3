package in.bontonsoftwares.deploymentrequest.chat;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.chat.ChatServer.Call;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Message;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessTestSupport;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A request's chat messages as the process sends them, against real local HTTP servers for Slack's
 * Web API and incoming webhook, a Teams Workflows webhook and a Mattermost incoming webhook: the
 * Slack thread of a request (the second message names the first one's {@code ts}), each format's
 * shape, chat down then up (one message per event and destination, the process never held up), the
 * last attempt failing into a FAILED row an admin retries, and typed text that stays text. The test
 * delivers itself ({@code background: false}).
 */
class ChatProcessTest extends ProcessTestSupport {

  static final ChatServer CHAT = new ChatServer();
  static final String SLACK = "/slack/api/chat.postMessage";

  @DynamicPropertySource
  static void chat(DynamicPropertyRegistry registry) {
    String chat = "deployment-request.chat.";
    registry.add(chat + "targets.slack.kind", () -> "slack-api");
    registry.add(chat + "targets.slack.url", () -> CHAT.url(SLACK));
    registry.add(chat + "targets.slack.token", () -> ChatServer.TOKEN);
    registry.add(chat + "targets.slack.channels[0]", () -> "#deployments");
    registry.add(chat + "targets.slack-hook.kind", () -> "slack-webhook");
    registry.add(chat + "targets.slack-hook.url", () -> CHAT.url("/slack/webhook"));
    registry.add(chat + "targets.teams.kind", () -> "teams");
    registry.add(chat + "targets.teams.url", () -> CHAT.url("/teams"));
    registry.add(chat + "targets.mattermost.kind", () -> "mattermost");
    registry.add(chat + "targets.mattermost.url", () -> CHAT.url("/mattermost"));
    registry.add(chat + "delivery.background", () -> "false");
    registry.add(chat + "delivery.max-attempts", () -> "3");
    registry.add(chat + "delivery.first-backoff", () -> "PT0.001S");
    registry.add(chat + "delivery.max-backoff", () -> "PT0.001S");
    registry.add(chat + "delivery.timeout", () -> "PT2S");
  }

  @Autowired ChatDelivery delivery;
  @Autowired ChatController controller;
  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry meters;

  String project;

  @BeforeEach
  void upAgain() {
    project = "Payments " + UUID.randomUUID().toString().substring(0, 8);
    for (String path : List.of(SLACK, "/slack/webhook", "/teams", "/mattermost")) {
      CHAT.down(path, false);
    }
  }

  @AfterAll
  static void stopServer() {
    CHAT.close();
  }

  @Test
  void shouldThreadARequestInSlackAndPostCardsWhenItGoesFromReviewToDeployment() {
    ProcessInstance request = atExecution(request(project, "#deploy-payments"));
    String number = request.getBusinessKey();
    runtimeService
        .createMessageCorrelation(Message.DEPLOYMENT_STARTED)
        .processInstanceId(request.getId())
        .correlate();
    runDueJobs(request);
    runtimeService
        .createMessageCorrelation(Message.DEPLOYMENT_SUCCEEDED)
        .processInstanceId(request.getId())
        .setVariables(
            Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS, EXECUTION_NOTES, "Rolled out"))
        .correlate();

    delivery.deliverDue();

    for (String channel : List.of("#deployments", "#deploy-payments")) {
      List<Call> thread = slack(number, channel);
      assertThat(thread)
          .extracting(call -> call.body().path("text").asText())
          .as("the thread in " + channel)
          .hasSize(6)
          .satisfiesExactly(
              t -> assertThat(t).startsWith(number + " submitted for review: " + project),
              t -> assertThat(t).startsWith(number + " approved"),
              t -> assertThat(t).startsWith(number + " scheduled"),
              t -> assertThat(t).startsWith(number + " window open"),
              t -> assertThat(t).startsWith(number + " deployment started"),
              t -> assertThat(t).startsWith(number + " deployment succeeded"));
      assertThat(thread)
          .allMatch(call -> ("Bearer " + ChatServer.TOKEN).equals(call.authorization()));
      JsonNode first = thread.get(0).body();
      assertThat(first.path("channel").asText()).isEqualTo(channel);
      assertThat(first.has("thread_ts")).as("the first message starts the thread").isFalse();
      String channelId = "C" + Integer.toHexString(channel.hashCode());
      for (Call reply : thread.subList(1, thread.size())) {
        assertThat(reply.body().path("thread_ts").asText()).matches("\\d+\\.000100");
        assertThat(reply.body().path("channel").asText()).isEqualTo(channelId);
      }
      assertThat(thread.subList(1, thread.size()))
          .extracting(reply -> reply.body().path("thread_ts").asText())
          .as("every later message in the first one's thread")
          .containsOnly(thread.get(1).body().path("thread_ts").asText());
      // the submission asks DevSecOps to review: its task first, then the request's page
      JsonNode buttons = actions(first);
      assertThat(buttons.get(0).path("text").path("text").asText())
          .isEqualTo("Review deployment request");
      assertThat(buttons.get(0).path("url").asText()).contains("/app/tasklist/default/#/?task=");
      assertThat(buttons.get(1).path("url").asText()).endsWith("/requests.html?request=" + number);
      assertThat(first.path("blocks").get(0).path("text").path("text").asText())
          .startsWith("*<http://localhost:")
          .contains("/requests.html?request=" + number + "|" + number + ">*");
    }

    List<JsonNode> hook = bodies("/slack/webhook", number);
    assertThat(hook).hasSize(6);
    assertThat(hook.get(1).has("channel")).as("a webhook posts into its own channel").isFalse();
    assertThat(hook.get(1).has("thread_ts")).isFalse();
    assertThat(hook.get(1).path("blocks").isArray()).isTrue();

    List<JsonNode> teams = bodies("/teams", number);
    assertThat(teams).hasSize(6);
    JsonNode envelope = teams.get(0);
    assertThat(envelope.path("type").asText()).isEqualTo("message");
    JsonNode attachment = envelope.path("attachments").get(0);
    assertThat(attachment.path("contentType").asText())
        .isEqualTo("application/vnd.microsoft.card.adaptive");
    JsonNode card = attachment.path("content");
    assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(card.path("version").asText()).isEqualTo("1.4");
    assertThat(card.path("body").get(0).path("text").asText())
        .startsWith(number + " submitted for review");
    assertThat(card.path("body").get(1).path("type").asText()).isEqualTo("FactSet");
    assertThat(card.path("actions"))
        .extracting(action -> action.path("type").asText())
        .containsOnly("Action.OpenUrl");
    assertThat(card.path("actions").get(1).path("url").asText())
        .endsWith("/requests.html?request=" + number);

    List<JsonNode> mattermost = bodies("/mattermost", number);
    assertThat(mattermost).hasSize(6);
    JsonNode post = mattermost.get(1);
    assertThat(post.path("text").asText()).startsWith("#### " + number + " approved");
    assertThat(post.has("blocks")).as("Mattermost ignores Slack's blocks").isFalse();
    JsonNode mmAttachment = post.path("attachments").get(0);
    assertThat(mmAttachment.path("fallback").asText()).contains(number);
    assertThat(mmAttachment.path("title_link").asText())
        .endsWith("/requests.html?request=" + number);
    assertThat(mmAttachment.path("fields"))
        .extracting(field -> field.path("title").asText())
        .contains("Project", "Environment");
    assertThat(mmAttachment.path("text").asText()).contains("[Schedule deployment](");

    assertThat(controller.list(ChatOutbox.SENT, number, 100)).hasSize(30);
  }

  @Test
  void shouldPostEachStepWhenChangesAreRequestedAndTheRevisionIsRejected() {
    ProcessInstance request = submit("dana", request(project, "#deploy-payments"));
    runDueJobs(request);
    String number = request.getBusinessKey();
    complete(
        request,
        REVIEW_REQUEST,
        "sofia",
        TestRequests.review(Value.DECISION_REQUEST_CHANGES, "Add the rollback script"));
    runDueJobs(request);
    String amend = task(request, AMEND_REQUEST).getId();
    complete(
        request,
        AMEND_REQUEST,
        "dana",
        Map.of(VERSION, "2.4.2", AMENDMENT_NOTES, "Script added", WITHDRAW_REQUEST, false));
    runDueJobs(request);
    complete(
        request,
        REVIEW_REQUEST,
        "sofia",
        TestRequests.review(Value.DECISION_REJECT, "Not in this quarter"));
    runDueJobs(request);

    delivery.deliverDue();

    List<Call> thread = slack(number, "#deploy-payments");
    assertThat(thread)
        .extracting(call -> text(call).substring(number.length() + 1))
        .satisfiesExactly(
            t -> assertThat(t).startsWith("submitted for review"),
            t -> assertThat(t).startsWith("changes requested"),
            t -> assertThat(t).startsWith("submitted for review"),
            t -> assertThat(t).startsWith("rejected"));
    JsonNode changes = thread.get(1).body();
    assertThat(actions(changes).get(0).path("text").path("text").asText())
        .isEqualTo("Amend request");
    assertThat(actions(changes).get(0).path("url").asText()).endsWith("?task=" + amend);
    assertThat(changes.toString()).contains("Add the rollback script");
    assertThat(thread.get(2).body().toString())
        .as("the second revision says so")
        .contains("*Revision*\\n2", "*Version*\\n2.4.2");
    assertThat(thread.get(3).body().toString()).contains("Not in this quarter");
    assertThat(actions(thread.get(3).body())).hasSize(1);
  }

  @Test
  void shouldPostTheFailureAndTheRollbackWhenDevSecOpsReportsACriticalIssue() {
    ProcessInstance request = atExecution(request(project, "#deploy-payments"));
    String number = request.getBusinessKey();
    complete(
        request,
        EXECUTE_DEPLOYMENT,
        "sam",
        Map.of(
            EXECUTION_OUTCOME,
            Value.OUTCOME_CRITICAL_ISSUE,
            EXECUTION_NOTES,
            "Migration locked the refunds table"));
    runDueJobs(request);
    complete(
        request,
        ROLL_BACK_DEPLOYMENT,
        "sam",
        Map.of(ROLLBACK_COMPLETED, true, ROLLBACK_NOTES, "2.4.0 redeployed"));
    runDueJobs(request);
    complete(request, DOCUMENT_DEPLOYMENT, "sam", TestRequests.documentation());
    runDueJobs(request);
    assertThat(request).isEnded();

    delivery.deliverDue();

    assertThat(slack(number, "#deployments"))
        .extracting(call -> text(call).substring(number.length() + 1))
        .satisfiesExactly(
            t -> assertThat(t).startsWith("submitted for review"),
            t -> assertThat(t).startsWith("approved"),
            t -> assertThat(t).startsWith("scheduled"),
            t -> assertThat(t).startsWith("window open"),
            t -> assertThat(t).startsWith("deployment failed"),
            t -> assertThat(t).startsWith("rolled back"));
    assertThat(slack(number, "#deployments").get(4).body().toString())
        .contains("Migration locked the refunds table");
    assertThat(
            bodies("/mattermost", number).get(4).path("attachments").get(0).path("color").asText())
        .isEqualTo("#d00000");
  }

  @Test
  void shouldPostDeployedWhenTheRequestEndsDeployed() {
    Map<String, Object> form = request(project, "#deploy-payments");
    form.put(SMOKE_TESTS_APPLY, false);
    form.put(QA_VALIDATION_APPLIES, false);
    ProcessInstance request = atExecution(form);
    String number = request.getBusinessKey();
    complete(request, EXECUTE_DEPLOYMENT, "sam", Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS));
    runDueJobs(request);
    complete(
        request,
        VERIFY_HEALTH,
        "sam",
        Map.of(HEALTH_CHECKS_PASSED, true, DASHBOARDS_REVIEWED, true));
    runDueJobs(request);
    complete(request, DOCUMENT_DEPLOYMENT, "sam", TestRequests.documentation());
    runDueJobs(request);
    assertThat(request).isEnded();

    delivery.deliverDue();

    assertThat(bodies("/teams", number))
        .extracting(card -> card.at("/attachments/0/content/body/0/text").asText())
        .satisfiesExactly(
            t -> assertThat(t).startsWith(number + " submitted for review"),
            t -> assertThat(t).startsWith(number + " approved"),
            t -> assertThat(t).startsWith(number + " scheduled"),
            t -> assertThat(t).startsWith(number + " window open"),
            t -> assertThat(t).startsWith(number + " deployment succeeded"),
            t -> assertThat(t).startsWith(number + " deployed"));
  }

  @Test
  void shouldSendEachEventOnceWhenChatIsDownThenUp() {
    for (String path : List.of(SLACK, "/slack/webhook", "/teams", "/mattermost")) {
      CHAT.down(path, true);
    }
    ProcessInstance request = submit("dana", request(project, "#deploy-payments"));
    runDueJobs(request);
    String number = request.getBusinessKey();
    complete(request, REVIEW_REQUEST, "sofia", TestRequests.review(Value.DECISION_APPROVE, "Go"));
    runDueJobs(request);

    assertThat(delivery.deliverDue()).isZero();
    assertThat(request).isWaitingAt(SCHEDULE_DEPLOYMENT);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(request.getId()).count())
        .as("chat being down holds up nothing")
        .isZero();
    List<ChatController.Message> pending = controller.list(ChatOutbox.PENDING, number, 100);
    // submitted and approved, each to two Slack channels, the Slack webhook, Teams and Mattermost;
    // only the first of each destination was tried: the second waits behind it
    assertThat(pending).hasSize(10);
    assertThat(pending).filteredOn(m -> m.attempts() == 1).hasSize(5);

    for (String path : List.of(SLACK, "/slack/webhook", "/teams", "/mattermost")) {
      CHAT.down(path, false);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              delivery.deliverDue();
              return controller.list(ChatOutbox.SENT, number, 100).size() == 10;
            });
    delivery.deliverDue();

    for (String channel : List.of("#deployments", "#deploy-payments")) {
      assertThat(slack(number, channel))
          .extracting(call -> call.body().path("text").asText().substring(number.length() + 1))
          .satisfiesExactly(
              t -> assertThat(t).startsWith("submitted for review"),
              t -> assertThat(t).startsWith("approved"));
    }
    assertThat(bodies("/teams", number)).hasSize(2);
    assertThat(bodies("/mattermost", number)).hasSize(2);
    assertThat(bodies("/slack/webhook", number)).hasSize(2);
  }

  @Test
  void shouldFailAfterTheLastAttemptAndSendOnceWhenAnAdminRetries() {
    CHAT.down("/teams", true);
    double failuresBefore = meters.counter("deployment.chat.failures").count();
    ProcessInstance request = submit("dana", request(project, "#deploy-payments"));
    runDueJobs(request);
    String number = request.getBusinessKey();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              delivery.deliverDue();
              return !controller.list(ChatOutbox.FAILED, number, 100).isEmpty();
            });

    List<ChatController.Message> failed = controller.list(ChatOutbox.FAILED, number, 100);
    assertThat(failed)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.destination()).isEqualTo("teams");
              assertThat(m.attempts()).isEqualTo(3);
              assertThat(m.lastError()).isEqualTo("HTTP 503");
            });
    assertThat(meters.counter("deployment.chat.failures").count()).isEqualTo(failuresBefore + 1);
    assertThat(bodies("/teams", number)).isEmpty();

    CHAT.down("/teams", false);
    delivery.deliverDue();
    assertThat(bodies("/teams", number)).as("a FAILED message waits for an admin").isEmpty();
    controller.retry(failed.get(0).id());
    delivery.deliverDue();
    delivery.deliverDue();
    assertThat(bodies("/teams", number)).hasSize(1);
    assertThat(controller.list(ChatOutbox.FAILED, number, 100)).isEmpty();
  }

  @Test
  void shouldKeepTypedTextHarmlessWhenChannelOrProjectTriesMarkup() {
    for (String channel : List.of("#x\n", "https://evil.example.com/hook", "@channel", "#UPPER")) {
      String name = "<!everyone> & @channel " + UUID.randomUUID().toString().substring(0, 8);
      ProcessInstance request = submit("dana", request(name, channel));
      runDueJobs(request);
      String number = request.getBusinessKey();
      delivery.deliverDue();

      List<Call> slack =
          CHAT.calls(SLACK).stream().filter(call -> text(call).contains(number)).toList();
      // the form keeps "#x\n" as "#x" (trimmed), a channel name; the rest is no channel name
      List<String> expected =
          channel.equals("#x\n") ? List.of("#deployments", "#x") : List.of("#deployments");
      assertThat(slack)
          .as("only the configured channel and a channel name, never " + channel.strip())
          .extracting(call -> call.body().path("channel").asText())
          .containsExactlyElementsOf(expected)
          .allMatch(to -> ChatText.CHANNEL.matcher(to).matches());
      String body = slack.get(0).body().toString();
      assertThat(body).doesNotContain("<!everyone>").contains("&lt;!everyone&gt; &amp; @channel");
      for (String path : List.of("/slack/webhook", "/teams", "/mattermost")) {
        assertThat(CHAT.calls(path)).noneMatch(call -> call.body().toString().contains("evil"));
      }
      String mattermost = bodies("/mattermost", number).get(0).toString();
      assertThat(mattermost).doesNotContain("<!everyone>").doesNotContain("@channel");
      assertThat(mattermost).contains("@\u200Bchannel");
    }
  }

  /** A valid request of dana's for {@code project} with this real-time channel. */
  private Map<String, Object> request(String project, String channel) {
    Map<String, Object> request = new HashMap<>(validRequest());
    request.put(PROJECT_NAME, project);
    request.put(REALTIME_CHANNEL, channel);
    return request;
  }

  private static List<Call> slack(String number, String channel) {
    List<Call> thread = new ArrayList<>();
    String channelId = "C" + Integer.toHexString(channel.hashCode());
    for (Call call : CHAT.calls(SLACK)) {
      String to = call.body().path("channel").asText();
      if (text(call).startsWith(number + " ") && (to.equals(channel) || to.equals(channelId))) {
        thread.add(call);
      }
    }
    return thread;
  }

  private static String text(Call call) {
    return call.body().path("text").asText();
  }

  private static List<JsonNode> bodies(String path, String number) {
    return CHAT.calls(path).stream()
        .map(Call::body)
        .filter(body -> body.toString().contains(number))
        .toList();
  }

  private static JsonNode actions(JsonNode slack) {
    return StreamSupport.stream(slack.path("blocks").spliterator(), false)
        .filter(block -> block.path("type").asText().equals("actions"))
        .findFirst()
        .orElseThrow()
        .path("elements");
  }
}
