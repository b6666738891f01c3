package in.bontonsoftwares.deploymentrequest.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.config.ForgeProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * HTTP to GitHub and GitLab: JSON, no redirects (a token never follows one to another host), each
 * call bounded by the delivery timeout. Answers are read up to 1 MB.
 */
@Component
class ForgeHttp {

  private static final int MAX_ANSWER = 1 << 20;

  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final ObjectMapper json;
  private final Duration timeout;

  ForgeHttp(ObjectMapper json, ForgeProperties properties) {
    this.json = json;
    this.timeout = properties.delivery().timeout();
  }

  /** The answer's status and body (JSON, or missing). */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  Answer send(String method, URI uri, Map<String, String> headers, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    if (body != null) {
      request.header("Content-Type", "application/json; charset=utf-8");
    }
    headers.forEach(request::header);
    HttpResponse<byte[]> answer =
        client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    byte[] bytes = answer.body();
    JsonNode node = null;
    if (bytes != null && bytes.length > 0 && bytes.length <= MAX_ANSWER) {
      try {
        node = json.readTree(bytes);
      } catch (IOException notJson) {
        node = null;
      }
    }
    return new Answer(answer.statusCode(), node);
  }
}
