package in.bontonsoftwares.deploymentrequest.chat;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What people typed, made harmless for each chat's markup, and the one place a request's real-time
 * channel is read: it only ever selects a Slack channel by name.
 */
final class ChatText {

  static final Pattern CHANNEL = Pattern.compile("#[a-z0-9._-]{1,80}");
  private static final int MAX_VALUE = 500;

  private ChatText() {}

  /** The request's channel when it is a Slack channel name ({@code #deploy-payments}). */
  static Optional<String> channel(String value) {
    return value != null && CHANNEL.matcher(value).matches()
        ? Optional.of(value)
        : Optional.empty();
  }

  /**
   * Slack mrkdwn: {@code &}, {@code <} and {@code >} as entities (Slack's own rule), so that no
   * typed text becomes a link or a mention such as {@code <!everyone>}.
   */
  static String slack(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * Mattermost Markdown: Slack's entities (Mattermost reads Slack's {@code <!channel>} too), and an
   * invisible space after every {@code @}, so that {@code @channel} or {@code @all} mentions
   * nobody.
   */
  static String mattermost(String text) {
    return markdownLinksBroken(slack(text).replace("@", "@\u200B"));
  }

  /**
   * Teams' Adaptive Card Markdown (TextBlock, Fact values): an invisible space between {@code ]}
   * and {@code (}, so that no typed {@code [text](url)} becomes a link. Mentions there need an
   * entity that no card of ours carries, and HTML is not rendered at all.
   */
  static String teams(String text) {
    return markdownLinksBroken(text);
  }

  private static String markdownLinksBroken(String text) {
    return text.replace("](", "]\u200B(");
  }

  /** One line, at most {@value #MAX_VALUE} characters: a chat message is a notice, not the form. */
  static String shortened(String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip();
    return line.length() <= MAX_VALUE ? line : line.substring(0, MAX_VALUE - 1) + "…";
  }
}
