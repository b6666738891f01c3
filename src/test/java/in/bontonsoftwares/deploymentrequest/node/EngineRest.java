package in.bontonsoftwares.deploymentrequest.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Camunda's REST API (and the app's own) as the demo users call it, with HTTP Basic, against
 * whichever node {@code nodes} names at each call, as a load balancer would spread them.
 */
public final class EngineRest {

  /** The demo profile's password of every demo user and of the admin. */
  public static final String DEMO_PASSWORD = "Demo-pass-2026";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Supplier<String> nodes;

  public EngineRest(Supplier<String> nodes) {
    this.nodes = nodes;
  }

  /** An answer that is not a success. */
  public static final class CallFailed extends IllegalStateException {

    private final int status;

    CallFailed(String message, int status) {
      super(message);
      this.status = status;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
      return status;
    }
  }

  /**
   * Calls {@code path} as {@code user}; returns the JSON answer (a null node when empty), or throws
   * CallFailed.
   */
  public JsonNode call(String user, String method, String path, Object body) {
    return call(user, method, path, body, 0);
  }

  /**
   * As {@link #call(String, String, String, Object)}, and the answer must have the status {@code
   * expected} exactly (0: any success).
   */
  public JsonNode call(String user, String method, String path, Object body, int expected) {
    try {
      String answer = new String(send(user, method, path, body, expected), StandardCharsets.UTF_8);
      return answer.isEmpty() ? JSON.nullNode() : JSON.readTree(answer);
    } catch (IOException e) {
      throw new CallFailed(method + " " + path + " answered no JSON: " + e, 0);
    }
  }

  /**
   * GETs {@code path} as {@code user}; returns the answer's bytes (a file), or throws CallFailed.
   */
  public byte[] download(String user, String path) {
    return send(user, "GET", path, null, 0);
  }

  private byte[] send(String user, String method, String path, Object body, int expected) {
    try {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(URI.create(nodes.get() + path))
              .timeout(Duration.ofSeconds(60))
              .header(
                  "Authorization",
                  "Basic "
                      + Base64.getEncoder()
                          .encodeToString(
                              (user + ":" + DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)))
              .header("Content-Type", "application/json");
      builder.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      HttpResponse<byte[]> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() >= 300 || (expected != 0 && response.statusCode() != expected)) {
        throw new CallFailed(
            method
                + " "
                + path
                + " answered "
                + response.statusCode()
                + ": "
                + new String(response.body(), StandardCharsets.UTF_8),
            response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new CallFailed(method + " " + path + " failed: " + e, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
