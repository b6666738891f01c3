package in.bontonsoftwares.deploymentrequest.chat;

import in.bontonsoftwares.deploymentrequest.config.ChatProperties;
import in.bontonsoftwares.deploymentrequest.config.ChatProperties.Kind;
import in.bontonsoftwares.deploymentrequest.config.ChatProperties.Target;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The configured chat targets, checked at start-up for what Bean Validation cannot say (naming the
 * property, never its value), and where one event of a request goes.
 */
@Component
class ChatTargets {

  private static final String PREFIX = "deployment-request.chat.targets.";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  private final Map<String, Target> targets;

  ChatTargets(ChatProperties properties) {
    this.targets = new TreeMap<>(properties.targets());
    for (Map.Entry<String, Target> entry : targets.entrySet()) {
      Target target = entry.getValue();
      if (!NAME.matcher(entry.getKey()).matches()) {
        throw new IllegalStateException(
            "deployment-request.chat.targets: a target's name is a-z 0-9 _ - (up to 32)");
      }
      String at = PREFIX + entry.getKey();
      if (target.kind() == Kind.SLACK_API) {
        if (target.token() == null || target.token().isBlank()) {
          throw new IllegalStateException(at + ".token: a slack-api target needs a bot token");
        }
        if (target.channels().isEmpty() && !target.requestChannel()) {
          throw new IllegalStateException(
              at + ".channels: a slack-api target needs channels or request-channel: true");
        }
      } else {
        if (target.url() == null) {
          throw new IllegalStateException(
              at + ".url: a " + target.kind() + " target needs its URL");
        }
        if (!target.channels().isEmpty()) {
          throw new IllegalStateException(
              at + ".channels: a webhook posts to its own channel; channels are for slack-api");
        }
      }
      if (target.endpoint() != null
          && !List.of("https", "http").contains(String.valueOf(target.endpoint().getScheme()))) {
        throw new IllegalStateException(at + ".url: not an http(s) URL");
      }
    }
  }

  boolean any() {
    return !targets.isEmpty();
  }

  Optional<Target> named(String name) {
    return Optional.ofNullable(targets.get(name));
  }

  /** Where an event of a request in {@code environment} goes. */
  List<Destination> destinations(String environment, Optional<String> requestChannel) {
    List<Destination> all = new ArrayList<>();
    for (Map.Entry<String, Target> entry : targets.entrySet()) {
      String name = entry.getKey();
      Target target = entry.getValue();
      if (!target.covers(environment)) {
        continue;
      }
      if (target.kind() == Kind.SLACK_API) {
        Set<String> channels = new LinkedHashSet<>(target.channels());
        if (target.requestChannel()) {
          requestChannel.ifPresent(channels::add);
        }
        channels.forEach(channel -> all.add(new Destination(name, target, channel)));
      } else {
        all.add(new Destination(name, target, null));
      }
    }
    return all;
  }

  /** One target, and for the Slack Web API one channel of it. */
  record Destination(String name, Target target, String channel) {
    String id() {
      return channel == null ? name : name + ":" + channel;
    }
  }
}
