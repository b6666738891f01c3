package in.bontonsoftwares.deploymentrequest.health;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP calls of probes and webhooks: one JDK client, no redirects followed (a health URL that
 * redirects elsewhere is not the target that was reviewed), each call bounded by its timeout as a
 * whole, connecting included, and at most {@value #MAX_BODY} bytes of an answer read.
 */
final class Http {

  static final int MAX_BODY = 1_000_000;

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(30))
          .build();

  private Http() {}

  /** An answer: its status and (the first {@value #MAX_BODY} bytes of) its body. */
  record Answer(int status, String body) {}

  /**
   * Why no answer came: {@code timedOut} or the connection failed (refused, reset, unknown host).
   */
  static final class NoAnswer extends Exception {
    final boolean timedOut;

    NoAnswer(String message, boolean timedOut, Throwable cause) {
      super(message, cause);
      this.timedOut = timedOut;
    }
  }

  static Answer get(URI url, Duration timeout, String accept) throws NoAnswer {
    return send(
        HttpRequest.newBuilder(url).timeout(timeout).header("Accept", accept).GET().build(),
        timeout);
  }

  static Answer send(HttpRequest request, Duration timeout) throws NoAnswer {
    CompletableFuture<HttpResponse<InputStream>> call =
        CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    try {
      HttpResponse<InputStream> response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      try (InputStream body = response.body()) {
        return new Answer(
            response.statusCode(), new String(body.readNBytes(MAX_BODY), StandardCharsets.UTF_8));
      }
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new NoAnswer("no answer within " + millis(timeout), true, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw new NoAnswer("no answer within " + millis(timeout), true, cause);
      }
      String reason =
          cause instanceof ConnectException ? "connection refused" : String.valueOf(cause);
      throw new NoAnswer(reason, false, cause);
    } catch (IOException e) {
      throw new NoAnswer("the answer broke off: " + e.getMessage(), false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      throw new NoAnswer("interrupted", false, e);
    }
  }

  private static String millis(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }
}
