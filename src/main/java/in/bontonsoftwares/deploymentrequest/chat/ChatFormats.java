package in.bontonsoftwares.deploymentrequest.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import in.bontonsoftwares.deploymentrequest.chat.ChatMessage.Fact;
import in.bontonsoftwares.deploymentrequest.chat.ChatMessage.Link;
import in.bontonsoftwares.deploymentrequest.config.ChatProperties.Kind;

/**
 * A {@link ChatMessage} as each chat takes it: Slack Block Kit ({@code text} as the notification's
 * fallback, {@code blocks}), a Teams Adaptive Card 1.4 in the Workflows webhook's {@code message}
 * envelope, a Mattermost {@code text} with {@code attachments} (Mattermost ignores Slack's blocks).
 */
final class ChatFormats {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatFormats() {}

  /**
   * The body for this kind; for the Slack Web API with {@code channel} (threads are added later).
   */
  static ObjectNode payload(Kind kind, ChatMessage message, String channel) {
    return switch (kind) {
      case SLACK_API -> slack(message).put("channel", channel).put("unfurl_links", false);
      case SLACK_WEBHOOK -> slack(message).put("unfurl_links", false);
      case TEAMS -> teams(message);
      case MATTERMOST -> mattermost(message);
    };
  }

  static ObjectNode slack(ChatMessage message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("text", ChatText.slack(message.headline()));
    ArrayNode blocks = body.putArray("blocks");
    String headline =
        "*<"
            + message.request().url()
            + "|"
            + ChatText.slack(message.requestNumber())
            + ">* "
            + ChatText.slack(
                message.headline().substring(message.requestNumber().length()).strip());
    blocks.addObject().put("type", "section").set("text", mrkdwn(headline));
    ArrayNode fields = JSON.createArrayNode();
    for (Fact fact : message.facts()) {
      if (fields.size() < 10) {
        fields.add(mrkdwn("*" + fact.label() + "*\n" + ChatText.slack(fact.value())));
      }
    }
    if (!fields.isEmpty()) {
      blocks.addObject().put("type", "section").set("fields", fields);
    }
    if (!message.detail().isEmpty()) {
      blocks
          .addObject()
          .put("type", "section")
          .set("text", mrkdwn(ChatText.slack(message.detail())));
    }
    ArrayNode buttons = JSON.createArrayNode();
    if (message.action() != null) {
      button(buttons, message.action()).put("style", "primary");
    }
    button(buttons, message.request());
    blocks.addObject().put("type", "actions").set("elements", buttons);
    return body;
  }

  private static ObjectNode button(ArrayNode buttons, Link link) {
    ObjectNode button = buttons.addObject().put("type", "button");
    button.putObject("text").put("type", "plain_text").put("text", link.label());
    return button.put("url", link.url());
  }

  private static ObjectNode mrkdwn(String text) {
    return JSON.createObjectNode().put("type", "mrkdwn").put("text", text);
  }

  static ObjectNode teams(ChatMessage message) {
    ObjectNode card = JSON.createObjectNode();
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    ArrayNode body = card.putArray("body");
    body.addObject()
        .put("type", "TextBlock")
        .put("text", ChatText.teams(message.headline()))
        .put("weight", "Bolder")
        .put("size", "Medium")
        .put("wrap", true);
    ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
    for (Fact fact : message.facts()) {
      facts.addObject().put("title", fact.label()).put("value", ChatText.teams(fact.value()));
    }
    if (!message.detail().isEmpty()) {
      body.addObject()
          .put("type", "TextBlock")
          .put("text", ChatText.teams(message.detail()))
          .put("wrap", true);
    }
    ArrayNode actions = card.putArray("actions");
    if (message.action() != null) {
      openUrl(actions, message.action()).put("style", "positive");
    }
    openUrl(actions, message.request());
    ObjectNode envelope = JSON.createObjectNode().put("type", "message");
    envelope
        .putArray("attachments")
        .addObject()
        .put("contentType", "application/vnd.microsoft.card.adaptive")
        .putNull("contentUrl")
        .set("content", card);
    return envelope;
  }

  private static ObjectNode openUrl(ArrayNode actions, Link link) {
    return actions
        .addObject()
        .put("type", "Action.OpenUrl")
        .put("title", link.label())
        .put("url", link.url());
  }

  static ObjectNode mattermost(ChatMessage message) {
    ObjectNode body = JSON.createObjectNode();
    String headline = ChatText.mattermost(message.headline());
    body.put("text", "#### " + headline);
    ObjectNode attachment = body.putArray("attachments").addObject();
    attachment.put("fallback", headline);
    attachment.put("color", color(message.event()));
    attachment.put("title", ChatText.mattermost(message.requestNumber()));
    attachment.put("title_link", message.request().url());
    StringBuilder text = new StringBuilder();
    if (!message.detail().isEmpty()) {
      text.append(ChatText.mattermost(message.detail())).append("\n\n");
    }
    if (message.action() != null) {
      text.append("[").append(message.action().label()).append("](").append(message.action().url());
      text.append(")  ·  ");
    }
    text.append("[").append(message.request().label()).append("](").append(message.request().url());
    text.append(")");
    attachment.put("text", text.toString());
    ArrayNode fields = attachment.putArray("fields");
    for (Fact fact : message.facts()) {
      fields
          .addObject()
          .put("short", true)
          .put("title", fact.label())
          .put("value", ChatText.mattermost(fact.value()));
    }
    return body;
  }

  private static String color(ChatEvent event) {
    return switch (event) {
      case REJECTED, DEPLOYMENT_FAILED, DEPLOYMENT_FAILED_BY_PERSON, ROLLED_BACK -> "#d00000";
      case APPROVED, DEPLOYMENT_SUCCEEDED, DEPLOYED -> "#2eb886";
      default -> "#439fe0";
    };
  }
}
