package in.bontonsoftwares.deploymentrequest.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import in.bontonsoftwares.deploymentrequest.config.ChatProperties;
import in.bontonsoftwares.deploymentrequest.config.ChatProperties.Delivery;
import in.bontonsoftwares.deploymentrequest.config.ChatProperties.Kind;
import in.bontonsoftwares.deploymentrequest.config.ChatProperties.Target;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.Test;

/**
 * The rules of chat that need no engine: each event's place in the model exists, a request's
 * channel is a Slack channel name or nothing, typed text is escaped for Slack and Mattermost, the
 * targets are checked at start-up without showing a secret, and the backoff doubles.
 */
class ChatRulesTest {

  static final String SECRET_URL = "https://example.webhook.office.com/workflows/secret-sig-123";

  @Test
  void shouldFindEveryEventsElementInTheModelWhenItIsRead() throws Exception {
    BpmnModelInstance model;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream(DeploymentRequestProcess.RESOURCE)) {
      model = Bpmn.readModelFromStream(in);
    }
    for (ChatEvent event : ChatEvent.values()) {
      FlowElement element = model.getModelElementById(event.elementId());
      assertThat(element).as(event + " at " + event.elementId()).isNotNull();
      assertThat(element instanceof SequenceFlow)
          .as(event + ": a flow is taken, an activity ends or starts")
          .isEqualTo(
              event.name().equals("APPROVED")
                  || event.name().equals("DEPLOYMENT_SUCCEEDED")
                  || event.name().equals("DEPLOYMENT_FAILED_BY_PERSON"));
      if (event.task() != null) {
        assertThat((FlowElement) model.getModelElementById(event.task())).isNotNull();
      }
    }
  }

  @Test
  void shouldTakeOnlySlackChannelNamesWhenARequestNamesItsChannel() {
    assertThat(ChatText.channel("#deploy-payments")).contains("#deploy-payments");
    assertThat(ChatText.channel("#release.v2_ops")).contains("#release.v2_ops");
    for (String typed :
        List.of(
            "#x\n",
            "https://evil.example.com",
            "@channel",
            "<!everyone>",
            "#UPPER",
            "#",
            "#" + "a".repeat(81),
            "deploy",
            "#a b")) {
      assertThat(ChatText.channel(typed)).as(typed).isEmpty();
    }
  }

  @Test
  void shouldEscapeTypedTextWhenItGoesIntoAChatsMarkup() {
    assertThat(ChatText.slack("<!everyone> & <https://evil|x>"))
        .isEqualTo("&lt;!everyone&gt; &amp; &lt;https://evil|x&gt;");
    assertThat(ChatText.mattermost("@channel <!here>")).isEqualTo("@\u200Bchannel &lt;!here&gt;");
    assertThat(ChatText.teams("[Payments](https://evil.example.com)"))
        .isEqualTo("[Payments]\u200B(https://evil.example.com)");

    ChatMessage message =
        new ChatMessage(
            "DR-2026-0042",
            ChatEvent.APPROVED,
            "DR-2026-0042 approved: [Pay](https://evil.example.com) · Production",
            List.of(new ChatMessage.Fact("Project", "[Pay](https://evil.example.com)")),
            "<!everyone> see [here](https://evil.example.com)",
            new ChatMessage.Link(
                "Open request", "https://drp.example.com/requests.html?request=DR-2026-0042"),
            null);
    for (Kind kind : Kind.values()) {
      String body = ChatFormats.payload(kind, message, "#deployments").toString();
      // Teams reads neither Slack's <...> nor HTML: there "<!everyone>" is text as typed
      if (kind != Kind.TEAMS) {
        assertThat(body).as(kind.name()).doesNotContain("<!everyone>", "<https://evil");
      }
      if (kind == Kind.TEAMS || kind == Kind.MATTERMOST) {
        assertThat(body).as(kind + ": Markdown").doesNotContain("](https://evil");
      }
    }
  }

  @Test
  void shouldRefuseATargetWithoutItsSecretWhenTheAppStartsAndNeverShowOne() {
    Target noToken =
        new Target(Kind.SLACK_API, null, null, List.of(), List.of("#deployments"), true);
    assertThatThrownBy(() -> targets(Map.of("slack", noToken)))
        .hasMessage(
            "deployment-request.chat.targets.slack.token: a slack-api target needs a bot token");
    Target noUrl = new Target(Kind.TEAMS, null, null, List.of(), List.of(), true);
    assertThatThrownBy(() -> targets(Map.of("teams", noUrl)))
        .hasMessageContaining("targets.teams.url");

    Target teams = new Target(Kind.TEAMS, URI.create(SECRET_URL), null, List.of(), List.of(), true);
    Target slack =
        new Target(Kind.SLACK_API, null, "xoxb-secret-token", List.of(), List.of(), true);
    assertThat(teams.toString()).doesNotContain("secret-sig");
    assertThat(slack.toString()).doesNotContain("xoxb");
    assertThat(slack.endpoint()).isEqualTo(Target.SLACK_POST_MESSAGE);
    assertThat(
            targets(Map.of("teams", teams, "slack", slack))
                .destinations("production", Optional.of("#deploy-payments")))
        .extracting(ChatTargets.Destination::id)
        .containsExactly("slack:#deploy-payments", "teams");
  }

  @Test
  void shouldDoubleTheWaitWhenAttemptsFailUpToTheMaximum() {
    ChatDelivery delivery =
        new ChatDelivery(
            null,
            targets(Map.of()),
            properties(
                new Delivery(
                    6,
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(3),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    false),
                Map.of()),
            java.time.Clock.systemUTC(),
            new com.fasterxml.jackson.databind.ObjectMapper(),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    assertThat(List.of(1, 2, 3, 4, 5))
        .extracting(delivery::backoff)
        .containsExactly(
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(120),
            Duration.ofMinutes(3),
            Duration.ofMinutes(3));
  }

  private static ChatTargets targets(Map<String, Target> targets) {
    return new ChatTargets(
        properties(
            new Delivery(
                6,
                Duration.ofSeconds(30),
                Duration.ofMinutes(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(15),
                false),
            targets));
  }

  private static ChatProperties properties(Delivery delivery, Map<String, Target> targets) {
    return new ChatProperties(targets, delivery);
  }
}
