package in.bontonsoftwares.deploymentrequest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The pipeline API over real HTTP, with personal access tokens, as a pipeline calls it. */
final class PipelineApi {

  private final TestRestTemplate http;
  private final String password;

  PipelineApi(TestRestTemplate http, String password) {
    this.http = http;
    this.password = password;
  }

  /** A new token of {@code user}, made with the user's password. */
  String token(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> created =
        http.withBasicAuth(user, password)
            .postForEntity(
                "/api/tokens", new HttpEntity<>(Map.of("name", "ci"), headers), JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return created.getBody().get("token").asText();
  }

  ResponseEntity<JsonNode> file(String token, Map<String, Object> body, String idempotencyKey) {
    HttpHeaders headers = headers(token);
    if (idempotencyKey != null) {
      headers.set("Idempotency-Key", idempotencyKey);
    }
    return http.exchange(
        "/api/deployment-requests",
        HttpMethod.POST,
        new HttpEntity<>(body, headers),
        JsonNode.class);
  }

  /** Files a request that must be accepted; its number. */
  String filed(String token, Map<String, Object> body) {
    ResponseEntity<JsonNode> filed = file(token, body, null);
    assertThat(filed.getStatusCode())
        .as(String.valueOf(filed.getBody()))
        .isEqualTo(HttpStatus.CREATED);
    return filed.getBody().get("requestNumber").asText();
  }

  ResponseEntity<JsonNode> status(String token, String number) {
    return get(token, "/api/deployment-requests/" + number);
  }

  ResponseEntity<JsonNode> gate(String token, String number, String query) {
    return get(token, "/api/deployment-requests/" + number + "/gate?" + query);
  }

  ResponseEntity<JsonNode> report(String token, String number, String type, String runUrl) {
    return http.exchange(
        "/api/deployment-requests/" + number + "/events",
        HttpMethod.POST,
        new HttpEntity<>(
            runUrl == null ? Map.of("type", type) : Map.of("type", type, "runUrl", runUrl),
            headers(token)),
        JsonNode.class);
  }

  ResponseEntity<JsonNode> get(String token, String path) {
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers(token)), JsonNode.class);
  }

  static HttpHeaders headers(String token) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    return headers;
  }
}
