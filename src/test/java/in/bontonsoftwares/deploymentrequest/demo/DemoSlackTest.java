package in.bontonsoftwares.deploymentrequest.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The demo's Slack as a careless or hostile caller uses it: every refusal is Slack's {@code {"ok":
 * false, "error": <code>}} with HTTP 200 and nothing else, nothing refused is kept, and what is
 * taken gets a ts of its own, however the clock goes, with replies kept in their thread.
 */
class DemoSlackTest {

  static final String TOKEN = "xoxb-test-0000-demo";
  static final String JSON = "application/json; charset=utf-8";

  final ObjectMapper json = new ObjectMapper();
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.ofEpochSecond(1_733_100_000));
  final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  final DemoSlack slack = new DemoSlack(TOKEN, clock, json);

  @Test
  void shouldAnswerSlacksErrorCodesAndKeepNothingWhenTheCallIsWrong() throws Exception {
    String good = "{\"channel\":\"#deployments\",\"text\":\"hello\"}";
    assertThat(error(post(good, null, JSON))).isEqualTo("not_authed");
    assertThat(error(post(good, "Bearer ", JSON))).isEqualTo("not_authed");
    assertThat(error(post(good, "Basic eG94Yjp4", JSON))).isEqualTo("not_authed");
    assertThat(error(post(good, "Bearer xoxb-someone-else", JSON))).isEqualTo("invalid_auth");
    assertThat(error(post(good, "Bearer " + TOKEN + "x", JSON))).isEqualTo("invalid_auth");
    String bearer = "Bearer " + TOKEN;
    assertThat(error(post(good, bearer, null))).isEqualTo("missing_post_type");
    assertThat(error(post(good, bearer, "text/html"))).isEqualTo("invalid_post_type");
    assertThat(error(post("{\"channel\":", bearer, JSON))).isEqualTo("invalid_json");
    assertThat(error(post("", bearer, JSON))).isEqualTo("invalid_json");
    assertThat(error(post("[1,2]", bearer, JSON))).isEqualTo("json_not_object");
    assertThat(error(post("{\"text\":\"hello\"}", bearer, JSON))).isEqualTo("channel_not_found");
    assertThat(error(post("{\"channel\":7,\"text\":\"x\"}", bearer, JSON)))
        .isEqualTo("channel_not_found");
    for (String channel : new String[] {"#Deployments", "#a b", "C0G", "CZZ", "@channel", ""}) {
      assertThat(error(post("{\"channel\":\"" + channel + "\",\"text\":\"x\"}", bearer, JSON)))
          .as(channel)
          .isEqualTo("channel_not_found");
    }
    assertThat(error(post("{\"channel\":\"#deployments\"}", bearer, JSON))).isEqualTo("no_text");
    assertThat(
            error(
                post("{\"channel\":\"#deployments\",\"text\":\" \",\"blocks\":[]}", bearer, JSON)))
        .isEqualTo("no_text");
    assertThat(error(post("{\"channel\":\"#deployments\",\"blocks\":\"x\"}", bearer, JSON)))
        .isEqualTo("invalid_blocks");
    assertThat(error(post("{\"channel\":\"#deployments\",\"blocks\":[7]}", bearer, JSON)))
        .isEqualTo("invalid_blocks");
    assertThat(
            error(
                post(
                    "{\"channel\":\"#deployments\",\"text\":\"" + "x".repeat(40_001) + "\"}",
                    bearer,
                    JSON)))
        .isEqualTo("msg_too_long");
    assertThat(
            error(
                post(
                    "{\"channel\":\"#deployments\",\"text\":\"x\",\"thread_ts\":\"yesterday\"}",
                    bearer,
                    JSON)))
        .isEqualTo("thread_not_found");

    assertThat(slack.messages().path("channels")).isEmpty();
  }

  @Test
  void shouldGiveEveryMessageItsOwnTsAndKeepRepliesInTheirThread() throws Exception {
    String bearer = "bearer " + TOKEN;
    JsonNode first =
        ok(
            post(
                "{\"channel\":\"#deployments\",\"text\":\"DR-1 submitted\",\"blocks\":"
                    + "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*DR-1*\"}}]}",
                bearer,
                JSON));
    String channelId = first.path("channel").asText();
    String ts = first.path("ts").asText();
    assertThat(channelId).matches("C[0-9A-F]+");
    assertThat(ts).matches("[0-9]{10}\\.[0-9]{6}");
    assertThat(first.path("message").path("text").asText()).isEqualTo("DR-1 submitted");
    assertThat(first.path("message").path("ts").asText()).isEqualTo(ts);
    assertThat(first.path("message").path("blocks").get(0).path("type").asText())
        .isEqualTo("section");
    assertThat(first.path("message").has("thread_ts")).isFalse();

    // the clock stands still, then goes back: every ts is still new, and later than the last
    Set<String> seen = new HashSet<>(Set.of(ts));
    String last = ts;
    for (int i = 0; i < 50; i++) {
      if (i == 25) {
        now.set(now.get().minusSeconds(3600));
      }
      // replies by channel id (as the app sends them) and by name; one to a reply
      String channel = i % 2 == 0 ? channelId : "deployments";
      String threadTs = i == 10 ? last : ts;
      JsonNode reply =
          ok(
              post(
                  "{\"channel\":\""
                      + channel
                      + "\",\"thread_ts\":\""
                      + threadTs
                      + "\",\"text\":\"DR-1 event "
                      + i
                      + "\"}",
                  bearer,
                  JSON));
      String replyTs = reply.path("ts").asText();
      assertThat(seen.add(replyTs)).as("ts %s is new", replyTs).isTrue();
      assertThat(replyTs.compareTo(last)).isPositive();
      assertThat(reply.path("channel").asText()).isEqualTo(channelId);
      assertThat(reply.path("message").path("thread_ts").asText()).isEqualTo(ts);
      last = replyTs;
    }
    JsonNode other = ok(post("{\"channel\":\"#deploy-payments\",\"text\":\"DR-1\"}", bearer, JSON));
    assertThat(other.path("channel").asText()).isNotEqualTo(channelId);
    // a reply to a thread this node never held (a restart forgot it) is kept under it
    ok(
        post(
            "{\"channel\":\"#deploy-payments\",\"thread_ts\":\"1700000000.000001\",\"text\":\"later\"}",
            bearer,
            JSON));

    JsonNode channels = slack.messages().path("channels");
    assertThat(channels).hasSize(2);
    JsonNode payments = channels.get(0);
    assertThat(payments.path("name").asText()).isEqualTo("#deploy-payments");
    assertThat(payments.path("messages")).hasSize(2);
    assertThat(payments.path("messages").get(1).path("kept").asBoolean()).isFalse();
    assertThat(payments.path("messages").get(1).path("replies").get(0).path("text").asText())
        .isEqualTo("later");
    JsonNode deployments = channels.get(1);
    assertThat(deployments.path("name").asText()).isEqualTo("#deployments");
    assertThat(deployments.path("id").asText()).isEqualTo(channelId);
    assertThat(deployments.path("messages")).hasSize(1);
    JsonNode thread = deployments.path("messages").get(0);
    assertThat(thread.path("ts").asText()).isEqualTo(ts);
    assertThat(thread.path("replies")).hasSize(50);
    for (JsonNode reply : thread.path("replies")) {
      assertThat(reply.path("thread_ts").asText()).isEqualTo(ts);
    }
    assertThat(thread.path("replies").get(49).path("text").asText()).isEqualTo("DR-1 event 49");
  }

  @Test
  void shouldAcceptNoTokenWhenNoneIsConfigured() throws Exception {
    DemoSlack without = new DemoSlack(" ", clock, json);
    ResponseEntity<?> answer =
        without.postMessage(
            "{\"channel\":\"#deployments\",\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8),
            "Bearer  ",
            JSON);
    assertThat(json.valueToTree(answer.getBody()).path("error").asText()).isEqualTo("not_authed");
    answer =
        without.postMessage(
            "{\"channel\":\"#deployments\",\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8),
            "Bearer xoxb-anything",
            JSON);
    assertThat(json.valueToTree(answer.getBody()).path("error").asText()).isEqualTo("invalid_auth");
  }

  @Test
  void shouldKeepOnlyTheNewestMessages() throws Exception {
    for (int i = 0; i < DemoSlack.MAX_MESSAGES + 5; i++) {
      ok(post("{\"channel\":\"#deployments\",\"text\":\"m" + i + "\"}", "Bearer " + TOKEN, JSON));
    }
    JsonNode kept = slack.messages().path("channels").get(0).path("messages");
    assertThat(kept).hasSize(DemoSlack.MAX_MESSAGES);
    assertThat(kept.get(0).path("text").asText()).isEqualTo("m5");
  }

  private JsonNode post(String body, String authorization, String contentType) {
    ResponseEntity<?> answer =
        slack.postMessage(body.getBytes(StandardCharsets.UTF_8), authorization, contentType);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    return json.valueToTree(answer.getBody());
  }

  private static String error(JsonNode answer) {
    assertThat(answer.path("ok").asBoolean(true)).as(answer.toString()).isFalse();
    assertThat(answer.size()).as("only ok and error: %s", answer).isEqualTo(2);
    return answer.path("error").asText();
  }

  private static JsonNode ok(JsonNode answer) {
    assertThat(answer.path("ok").asBoolean()).as(answer.toString()).isTrue();
    return answer;
  }
}
