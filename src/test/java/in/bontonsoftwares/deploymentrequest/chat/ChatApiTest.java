package in.bontonsoftwares.deploymentrequest.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The chat messages over HTTP: only admins list them and retry a FAILED one; the answer shows no
 * payload.
 */
@WebAppTest
class ChatApiTest {

  @Autowired TestRestTemplate http;
  @Autowired DeploymentRequestProperties properties;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldLetOnlyAdminsListAndRetryWhenAMessageFailed() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update(
        "insert into chat_message (message_key, destination, request_number, chat_event, target, channel,"
            + " payload, state, attempts, next_attempt_at, last_error, created_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "DR-2026-9999/APPROVED/r1",
        "teams",
        "DR-2026-9999",
        "APPROVED",
        "teams",
        null,
        "{\"type\":\"message\",\"marker\":\"payload-is-private\"}",
        ChatOutbox.FAILED,
        6,
        now,
        "HTTP 503",
        now);
    Long id =
        jdbc.queryForObject(
            "select id from chat_message where message_key = ?",
            Long.class,
            "DR-2026-9999/APPROVED/r1");

    for (String user : new String[] {"sofia", "dana"}) {
      assertThat(as(user).getForEntity("/api/chat/messages", String.class).getStatusCode())
          .as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(
              as(user)
                  .postForEntity("/api/chat/messages/" + id + "/retry", null, String.class)
                  .getStatusCode())
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(http.getForEntity("/api/chat/messages", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    ResponseEntity<JsonNode> failed =
        as("admin").getForEntity("/api/chat/messages?state=FAILED", JsonNode.class);
    assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(failed.getBody().toString()).contains("DR-2026-9999").doesNotContain("payload");
    assertThat(failed.getBody().get(0).path("lastError").asText()).isEqualTo("HTTP 503");

    ResponseEntity<JsonNode> retried =
        as("admin").postForEntity("/api/chat/messages/" + id + "/retry", null, JsonNode.class);
    assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(retried.getBody().path("state").asText()).isEqualTo(ChatOutbox.PENDING);
    assertThat(jdbc.queryForObject("select state from chat_message where id = ?", String.class, id))
        .isEqualTo(ChatOutbox.PENDING);
    assertThat(
            as("admin")
                .postForEntity("/api/chat/messages/" + id + "/retry", null, String.class)
                .getStatusCode())
        .as("only a FAILED message is retried")
        .isEqualTo(HttpStatus.CONFLICT);
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, properties.demo().password());
  }
}
