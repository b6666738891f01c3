package in.bontonsoftwares.deploymentrequest.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Chat notifications (README "Chat"): where a request's events are posted ({@code targets}, by
 * name: a map, so that the environment adds a secret to a target of the YAML) and how they are
 * delivered. No target, no chat. Secrets (a Slack bot token, every webhook URL, which carries its
 * own secret) come only from here or the environment ({@code
 * DEPLOYMENTREQUEST_CHAT_TARGETS_SLACK_TOKEN}), never from a request, and are never shown: what
 * Bean Validation cannot say (a Slack API target without token, a webhook without URL) is checked
 * by {@code chat.ChatTargets} at start-up, naming the property and not its value.
 */
@Validated
@ConfigurationProperties("deployment-request.chat")
public record ChatProperties(
    @Valid @NotNull @DefaultValue Map<String, Target> targets,
    @Valid @NotNull @DefaultValue Delivery delivery) {

  /** The kinds of chat endpoint. */
  public enum Kind {
    /** Slack Web API {@code chat.postMessage} with a bot token: Block Kit, one thread a request. */
    SLACK_API,
    /** A Slack incoming webhook: Block Kit into the webhook's channel, no threads. */
    SLACK_WEBHOOK,
    /** A Microsoft Teams Workflows webhook ("when a Teams webhook request is received"). */
    TEAMS,
    /** A Mattermost incoming webhook: {@code text} and {@code attachments}. */
    MATTERMOST
  }

  /**
   * One endpoint; its name (the map key) is how logs and the message table name it.
   *
   * @param url the webhook URL; for {@code slack-api} the Web API method (default Slack's own)
   * @param token the Slack bot token ({@code xoxb-...}), {@code slack-api} only
   * @param environments the request environments posted here; empty: all
   * @param channels {@code slack-api}: the channels every request of those environments goes to
   * @param requestChannel {@code slack-api}: also post to the request's own real-time channel
   */
  public record Target(
      @NotNull Kind kind,
      URI url,
      String token,
      @NotNull @DefaultValue List<String> environments,
      @NotNull @DefaultValue List<@Pattern(regexp = "#[a-z0-9._-]{1,80}") String> channels,
      @DefaultValue("true") boolean requestChannel) {

    public static final URI SLACK_POST_MESSAGE =
        URI.create("https://slack.com/api/chat.postMessage");

    /**
     * Where the messages go: the URL, or for {@code slack-api} Slack's {@code chat.postMessage}.
     */
    public URI endpoint() {
      return url == null && kind == Kind.SLACK_API ? SLACK_POST_MESSAGE : url;
    }

    public boolean covers(String environment) {
      return environments.isEmpty() || environments.contains(environment);
    }

    @Override
    public String toString() {
      return "Target[kind="
          + kind
          + ", url=(hidden), token=(hidden), environments="
          + environments
          + ", channels="
          + channels
          + ", requestChannel="
          + requestChannel
          + "]";
    }
  }

  /**
   * How messages are delivered: at most {@code maxAttempts} tries, each waiting up to {@code
   * timeout}; after a failure the next waits {@code firstBackoff}, twice as long each time up to
   * {@code maxBackoff}. {@code background}: a thread of the app delivers after each commit and
   * every {@code pollInterval} (off in tests, which deliver themselves).
   */
  public record Delivery(
      @Min(1) @Max(20) @DefaultValue("6") int maxAttempts,
      @NotNull @DurationMin(millis = 1) @DurationMax(hours = 1) @DefaultValue("PT30S")
          Duration firstBackoff,
      @NotNull @DurationMin(millis = 1) @DurationMax(days = 1) @DefaultValue("PT30M")
          Duration maxBackoff,
      @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 1) @DefaultValue("PT10S")
          Duration timeout,
      @NotNull @DurationMin(millis = 100) @DurationMax(hours = 1) @DefaultValue("PT15S")
          Duration pollInterval,
      @DefaultValue("true") boolean background) {}
}
