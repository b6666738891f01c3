package in.bontonsoftwares.deploymentrequest.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The demo's service and rollback receiver as an attacker and as the demo use them: anyone reads a
 * service's health, only DevSecOps and admins break it (a developer is refused before anything
 * changes), and only a call signed with the environment's secret rolls it back, once per key.
 */
@WebAppTest(
    properties = {
      "deployment-request.health.environments.staging.rollback-webhook.url=http://localhost:1/unused",
      "deployment-request.health.environments.staging.rollback-webhook.secret=demo-test-secret-0123456789"
    })
class DemoServicesTest {

  static final String SECRET = "demo-test-secret-0123456789";
  static final String PASSWORD = "Demo-pass-2026";
  static final String SLACK_TOKEN = "xoxb-demo-0000000000-deployment-requests";
  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate http;

  @Test
  void shouldLetOnlyDevSecOpsBreakAServiceAndOnlyASignedCallRollItBack() throws Exception {
    String service = "/api/demo/services/checkout-api/health";
    assertThat(http.getForEntity(service, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    // a developer may not break it, and nothing changes
    assertThat(put("dev", service, "DOWN").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity(service, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    // nobody signed out may, nor a status that is neither UP nor DOWN
    assertThat(
            http.exchange(service, HttpMethod.PUT, json(Map.of("status", "DOWN")), String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(put("sam", service, "SIDEWAYS").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    // DevSecOps break it: it answers 503
    assertThat(put("sam", service, "DOWN").getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> down = http.getForEntity(service, String.class);
    assertThat(down.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(down.getBody()).contains("DOWN");

    // a forged rollback (wrong secret, no signature, an environment without a webhook) is refused
    String body =
        "{\"event\":\"rollback\",\"requestNumber\":\"DR-2026-0001\",\"environment\":\"staging\","
            + "\"application\":\"checkout-api\",\"reason\":\"x\"}";
    assertThat(rollback(body, sign("not-the-secret-at-all", body)).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rollback(body, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    String production = body.replace("staging", "production");
    assertThat(rollback(production, sign(SECRET, production)).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rollback("not json", sign(SECRET, "not json")).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(http.getForEntity(service, String.class).getStatusCode())
        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

    // the signed call rolls it back, and a second one with the same key is taken once
    assertThat(rollback(body, sign(SECRET, body)).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(rollback(body, sign(SECRET, body)).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(http.getForEntity(service, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(
            http.withBasicAuth("sam", PASSWORD).getForObject("/api/demo/rollbacks", String.class))
        .contains("DR-2026-0001")
        .containsOnlyOnce("DR-2026-0001-rollback-key");
    assertThat(http.getForEntity("/api/demo/rollbacks", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void shouldLetOnlyTheDemoBotPostToItsSlackAndThoseWhoSeeEveryRequestReadIt() throws Exception {
    // a Slack bot token that is not the demo's: Slack's answer (HTTP 200), not our token check's
    ResponseEntity<String> wrong =
        slack(
            DemoSlack.POST_MESSAGE,
            "xoxb-not-the-demo-token",
            "{\"channel\":\"#x\",\"text\":\"y\"}");
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(wrong.getBody()).isEqualTo("{\"ok\":false,\"error\":\"invalid_auth\"}");
    ResponseEntity<String> broken = slack(DemoSlack.POST_MESSAGE, SLACK_TOKEN, "{\"channel\": [");
    assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(broken.getBody()).isEqualTo("{\"ok\":false,\"error\":\"invalid_json\"}");
    // any other spelling of the path is ours, where a Slack token is no token
    assertThat(slack(DemoSlack.POST_MESSAGE + "/", SLACK_TOKEN, "{}").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(slack("/api/demo/slack/api/chat.update", SLACK_TOKEN, "{}").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // a developer's session or password gets no further than the bot token check
    assertThat(
            http.withBasicAuth("dana", PASSWORD)
                .postForEntity(
                    DemoSlack.POST_MESSAGE,
                    json(Map.of("channel", "#deployments", "text", "forged")),
                    String.class)
                .getBody())
        .isEqualTo("{\"ok\":false,\"error\":\"not_authed\"}");

    // the demo's bot posts, and replies in the thread
    JsonNode first =
        JSON.readTree(
            slack(
                    DemoSlack.POST_MESSAGE,
                    SLACK_TOKEN,
                    "{\"channel\":\"#deployments\",\"text\":\"DR-2026-0009 submitted\"}")
                .getBody());
    assertThat(first.path("ok").asBoolean()).isTrue();
    String reply =
        "{\"channel\":\"%s\",\"thread_ts\":\"%s\",\"text\":\"DR-2026-0009 approved\"}"
            .formatted(first.path("channel").asText(), first.path("ts").asText());
    assertThat(slack(DemoSlack.POST_MESSAGE, SLACK_TOKEN, reply).getBody()).contains("\"ok\":true");

    // DevSecOps, QA and admins read it; a developer (who sees only their own requests) and
    // nobody signed out do not
    assertThat(http.getForEntity(DemoSlack.MESSAGES, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(
            http.withBasicAuth("dana", PASSWORD)
                .getForEntity(DemoSlack.MESSAGES, String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    JsonNode seen =
        JSON.readTree(
            http.withBasicAuth("quinn", PASSWORD).getForObject(DemoSlack.MESSAGES, String.class));
    JsonNode thread = seen.path("channels").get(0).path("messages").get(0);
    assertThat(seen.path("channels").get(0).path("name").asText()).isEqualTo("#deployments");
    assertThat(thread.path("text").asText()).isEqualTo("DR-2026-0009 submitted");
    assertThat(thread.path("replies").get(0).path("thread_ts").asText())
        .isEqualTo(first.path("ts").asText());
    assertThat(http.getForEntity("/slack.html", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  private ResponseEntity<String> slack(String path, String token, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBearerAuth(token);
    return http.postForEntity(path, new HttpEntity<>(body, headers), String.class);
  }

  private ResponseEntity<String> put(String user, String path, String status) {
    return http.withBasicAuth(user, PASSWORD)
        .exchange(path, HttpMethod.PUT, json(Map.of("status", status)), String.class);
  }

  private ResponseEntity<String> rollback(String body, String signature) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set("Idempotency-Key", "DR-2026-0001-rollback-key");
    if (signature != null) {
      headers.set("X-Hub-Signature-256", signature);
    }
    return http.postForEntity("/api/demo/rollback", new HttpEntity<>(body, headers), String.class);
  }

  private static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private static String sign(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
