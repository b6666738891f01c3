package in.bontonsoftwares.deploymentrequest.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's Slack: a stand-in for Slack's Web API method {@code chat.postMessage} at {@value
 * #POST_MESSAGE}, which the default run's chat target {@code slack} posts every request's thread
 * to, and what it received at {@value #MESSAGES} (shown by {@code /slack.html}).
 *
 * <p>It answers as Slack documents the method: always HTTP 200 with {@code {"ok": true, "channel":
 * <id>, "ts": <ts>, "message": {...}}}, or {@code {"ok": false, "error": <code>}}: {@code
 * not_authed} without a bearer token, {@code invalid_auth} for another than the demo's bot token
 * ({@code deployment-request.demo.slack-token}), {@code invalid_json} / {@code json_not_object} for
 * a body that is not a JSON object, {@code channel_not_found}, {@code no_text} (neither {@code
 * text} nor {@code blocks} nor {@code attachments}), {@code invalid_blocks}, {@code msg_too_long},
 * {@code thread_not_found} for a {@code thread_ts} that is no timestamp. Unlike Slack it takes JSON
 * bodies only ({@code invalid_post_type} otherwise), which is what the app sends. Every channel
 * name exists and the bot is in each; a channel's id is its name, hex-encoded after a {@code C}, so
 * that a thread the app keeps across a restart still finds its channel. A reply to a reply joins
 * the parent's thread (as in Slack); a reply to a message this node does not hold (it forgot at a
 * restart, or dropped the oldest beyond {@value #MAX_MESSAGES}) is kept under that {@code
 * thread_ts}.
 */
@RestController
@ConditionalOnProperty(name = "deployment-request.demo.enabled", havingValue = "true")
class DemoSlack {

  static final String POST_MESSAGE = "/api/demo/slack/api/chat.postMessage";
  static final String MESSAGES = "/api/demo/slack/messages";

  /** The messages kept, the oldest dropped beyond it. */
  static final int MAX_MESSAGES = 2_000;

  /** Slack's own limits: text beyond 40,000 characters, more than 50 blocks. */
  private static final int MAX_TEXT = 40_000;

  private static final int MAX_BLOCKS = 50;
  private static final String BOT_ID = "B0DEMOSLACK";
  private static final String BOT_USER = "U0DEMOSLACK";
  private static final Pattern CHANNEL_NAME = Pattern.compile("#?([a-z0-9._-]{1,80})");
  private static final Pattern CHANNEL_ID = Pattern.compile("C(?:[0-9A-F]{2}){1,80}");
  private static final Pattern TS = Pattern.compile("[0-9]{10}\\.[0-9]{6}");
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final Logger log = LoggerFactory.getLogger(DemoSlack.class);

  /** A message as posted, in the channel named. */
  record Posted(
      String channelId,
      String channel,
      String ts,
      String threadTs,
      String text,
      JsonNode blocks,
      JsonNode attachments,
      boolean broadcast,
      Instant postedAt) {}

  private final byte[] token;
  private final Clock clock;
  private final ObjectMapper json;
  private final Deque<Posted> messages = new ArrayDeque<>();
  private final Map<String, Posted> byChannelAndTs = new HashMap<>();
  private long lastMicros;

  @Autowired
  DemoSlack(DeploymentRequestProperties properties, Clock clock, ObjectMapper json) {
    this(properties.demo().slackToken(), clock, json);
  }

  /** With {@code token} the bot token it accepts; none (blank): it accepts none. */
  DemoSlack(String token, Clock clock, ObjectMapper json) {
    this.token =
        token == null || token.isBlank() ? null : token.strip().getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
    this.json = json;
  }

  @PostMapping(POST_MESSAGE)
  ResponseEntity<ObjectNode> postMessage(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
    ObjectNode answer;
    try {
      answer = post(body, authorization, contentType);
    } catch (RuntimeException e) {
      // as Slack does: a code, never what went wrong inside
      log.warn("Demo Slack could not take a message: {}", e.getClass().getSimpleName());
      answer = error("internal_error");
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
  }

  private ObjectNode post(byte[] body, String authorization, String contentType) {
    Optional<String> refusal = authRefusal(authorization);
    if (refusal.isPresent()) {
      return error(refusal.get());
    }
    if (contentType == null || contentType.isBlank()) {
      return error("missing_post_type");
    }
    if (!contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_JSON_VALUE)) {
      return error("invalid_post_type");
    }
    JsonNode call;
    try {
      call = body == null || body.length == 0 ? null : json.readTree(body);
    } catch (IOException e) {
      return error("invalid_json");
    }
    if (call == null || call.isMissingNode()) {
      return error("invalid_json");
    }
    if (!call.isObject()) {
      return error("json_not_object");
    }
    Optional<String[]> channel = channel(call.get("channel"));
    if (channel.isEmpty()) {
      return error("channel_not_found");
    }
    JsonNode text = call.get("text");
    JsonNode blocks = call.get("blocks");
    JsonNode attachments = call.get("attachments");
    if (text != null && !text.isNull() && !text.isTextual()) {
      return error("invalid_arguments");
    }
    if (blocks != null
        && !blocks.isNull()
        && (!blocks.isArray() || blocks.size() > MAX_BLOCKS || !allObjectsWithType(blocks))) {
      return error("invalid_blocks");
    }
    if (attachments != null && !attachments.isNull() && !attachments.isArray()) {
      return error("invalid_attachments");
    }
    String message = text == null || text.isNull() ? "" : text.asText();
    if (message.isBlank() && isEmpty(blocks) && isEmpty(attachments)) {
      return error("no_text");
    }
    if (message.length() > MAX_TEXT) {
      return error("msg_too_long");
    }
    JsonNode threadTs = call.get("thread_ts");
    if (threadTs != null
        && !threadTs.isNull()
        && !(threadTs.isTextual() && TS.matcher(threadTs.asText()).matches())) {
      return error("thread_not_found");
    }
    Posted posted =
        keep(
            channel.get(),
            threadTs == null || threadTs.isNull() ? null : threadTs.asText(),
            message,
            isEmpty(blocks) ? null : blocks,
            isEmpty(attachments) ? null : attachments,
            call.path("reply_broadcast").asBoolean(false));
    ObjectNode answer = json.createObjectNode().put("ok", true);
    answer.put("channel", posted.channelId()).put("ts", posted.ts());
    answer.set("message", message(posted));
    return answer;
  }

  /** Slack's codes: no bearer token at all, or not the demo's. */
  private Optional<String> authRefusal(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        || authorization.substring(7).isBlank()) {
      return Optional.of("not_authed");
    }
    byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return token != null && MessageDigest.isEqual(token, given)
        ? Optional.empty()
        : Optional.of("invalid_auth");
  }

  /** The channel's id and name, from a name ({@code #deployments}, {@code deployments}) or id. */
  private static Optional<String[]> channel(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return Optional.empty();
    }
    String given = value.asText();
    var name = CHANNEL_NAME.matcher(given);
    if (name.matches()) {
      String bare = name.group(1);
      return Optional.of(
          new String[] {"C" + HEX.formatHex(bare.getBytes(StandardCharsets.UTF_8)), "#" + bare});
    }
    if (CHANNEL_ID.matcher(given).matches()) {
      String bare = new String(HEX.parseHex(given.substring(1)), StandardCharsets.UTF_8);
      if (CHANNEL_NAME.matcher(bare).matches() && !bare.startsWith("#")) {
        return Optional.of(new String[] {given, "#" + bare});
      }
    }
    return Optional.empty();
  }

  private static boolean allObjectsWithType(JsonNode blocks) {
    for (JsonNode block : blocks) {
      if (!block.isObject() || !block.path("type").isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isEmpty(JsonNode list) {
    return list == null || list.isNull() || list.isEmpty();
  }

  private synchronized Posted keep(
      String[] channel,
      String threadTs,
      String text,
      JsonNode blocks,
      JsonNode attachments,
      boolean broadcast) {
    Instant now = clock.instant();
    long micros =
        Math.max(now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000, lastMicros + 1);
    lastMicros = micros;
    String ts = String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    String thread = threadTs;
    if (thread != null) {
      // a reply's ts stands for its parent, as in Slack
      Posted parent = byChannelAndTs.get(channel[0] + " " + thread);
      if (parent != null && parent.threadTs() != null) {
        thread = parent.threadTs();
      }
    }
    Posted posted =
        new Posted(
            channel[0],
            channel[1],
            ts,
            thread,
            text,
            blocks == null ? null : blocks.deepCopy(),
            attachments == null ? null : attachments.deepCopy(),
            thread != null && broadcast,
            now);
    messages.addLast(posted);
    byChannelAndTs.put(channel[0] + " " + ts, posted);
    while (messages.size() > MAX_MESSAGES) {
      Posted oldest = messages.removeFirst();
      byChannelAndTs.remove(oldest.channelId() + " " + oldest.ts());
    }
    log.info(
        "Demo Slack: message {} in {}{}",
        ts,
        channel[1],
        thread == null ? "" : " (thread " + thread + ")");
    return posted;
  }

  private ObjectNode message(Posted posted) {
    ObjectNode message = json.createObjectNode();
    message.put("type", "message").put("subtype", "bot_message");
    message.put("bot_id", BOT_ID).put("user", BOT_USER);
    message.put("text", posted.text()).put("ts", posted.ts());
    if (posted.threadTs() != null) {
      message.put("thread_ts", posted.threadTs()).put("parent_user_id", BOT_USER);
    }
    if (posted.blocks() != null) {
      message.set("blocks", posted.blocks());
    }
    if (posted.attachments() != null) {
      message.set("attachments", posted.attachments());
    }
    return message;
  }

  private ObjectNode error(String code) {
    return json.createObjectNode().put("ok", false).put("error", code);
  }

  /**
   * What the demo's Slack holds, per channel (by name) and thread: {@code {"channels": [{"id",
   * "name", "messages": [{..., "replies": [...]}]}]}}, each in the order posted. A thread whose
   * first message this node no longer holds has {@code "kept": false} and only its replies.
   */
  @GetMapping(MESSAGES)
  synchronized ObjectNode messages() {
    Map<String, Map<String, ObjectNode>> threads = new TreeMap<>();
    Map<String, String> ids = new HashMap<>();
    for (Posted posted : messages) {
      ids.put(posted.channel(), posted.channelId());
      Map<String, ObjectNode> channel =
          threads.computeIfAbsent(posted.channel(), c -> new LinkedHashMap<>());
      String thread = posted.threadTs() == null ? posted.ts() : posted.threadTs();
      ObjectNode top = channel.get(thread);
      if (posted.threadTs() == null) {
        ObjectNode node = message(posted).put("postedAt", posted.postedAt().toString());
        node.put("kept", true);
        node.putArray("replies");
        channel.put(thread, node);
      } else {
        if (top == null) {
          top = json.createObjectNode().put("ts", thread).put("kept", false);
          top.putArray("replies");
          channel.put(thread, top);
        }
        ObjectNode reply = message(posted).put("postedAt", posted.postedAt().toString());
        reply.put("reply_broadcast", posted.broadcast());
        ((ArrayNode) top.get("replies")).add(reply);
      }
    }
    ObjectNode all = json.createObjectNode();
    ArrayNode channels = all.putArray("channels");
    for (Map.Entry<String, Map<String, ObjectNode>> channel : threads.entrySet()) {
      ObjectNode node = channels.addObject();
      node.put("id", ids.get(channel.getKey())).put("name", channel.getKey());
      ArrayNode list = node.putArray("messages");
      channel.getValue().values().forEach(list::add);
    }
    return all;
  }
}
