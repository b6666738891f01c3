package in.bontonsoftwares.deploymentrequest.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import in.bontonsoftwares.deploymentrequest.chat.ChatOutbox.Row;
import in.bontonsoftwares.deploymentrequest.chat.ChatOutbox.Thread;
import in.bontonsoftwares.deploymentrequest.config.ChatProperties;
import in.bontonsoftwares.deploymentrequest.config.ChatProperties.Delivery;
import in.bontonsoftwares.deploymentrequest.config.ChatProperties.Kind;
import in.bontonsoftwares.deploymentrequest.config.ChatProperties.Target;
import in.bontonsoftwares.deploymentrequest.database.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the open messages of {@link ChatOutbox}, oldest first: a message waits while an earlier one
 * of the same request and destination is open (a Slack thread starts with the first), each attempt
 * bounded by the timeout; a failed attempt waits {@code first-backoff}, twice as long each time,
 * and after {@code max-attempts} the message is FAILED: logged, counted ({@code
 * deployment.chat.failures}) and left for an admin to retry. A message is claimed before it is sent
 * (two nodes send it once); a node that dies between sending and recording may send it again, which
 * chat shows as a repeated line. The token and webhook URLs are never logged.
 */
@Component
class ChatDelivery implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ChatDelivery.class);
  private static final Duration STALE_CLAIM = Duration.ofMinutes(5);

  private final ChatOutbox outbox;
  private final ChatTargets targets;
  private final Delivery settings;
  private final Clock clock;
  private final ObjectMapper json;
  private final Counter failures;
  private final Counter sent;
  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private ScheduledExecutorService background;

  ChatDelivery(
      ChatOutbox outbox,
      ChatTargets targets,
      ChatProperties properties,
      Clock clock,
      ObjectMapper json,
      MeterRegistry meters) {
    this.outbox = outbox;
    this.targets = targets;
    this.settings = properties.delivery();
    this.clock = clock;
    this.json = json;
    this.failures =
        Counter.builder("deployment.chat.failures")
            .description(
                "Chat messages given up after their last attempt (an admin may retry them)")
            .register(meters);
    this.sent =
        Counter.builder("deployment.chat.sent").description("Chat messages sent").register(meters);
    Gauge.builder("deployment.chat.failed", outbox, o -> o.count(ChatOutbox.FAILED))
        .description("Chat messages FAILED and not retried")
        .register(meters);
  }

  /** Delivers soon, on the background thread (after a commit that added messages). */
  void soon() {
    ScheduledExecutorService thread = background;
    if (thread != null) {
      thread.execute(this::deliverQuietly);
    }
  }

  /** Sends every open message that is due; returns how many were sent. */
  synchronized int deliverDue() {
    Instant now = clock.instant();
    Set<String> held = new HashSet<>();
    int delivered = 0;
    for (Row row : outbox.open()) {
      String group = row.requestNumber() + " " + row.destination();
      if (held.contains(group)) {
        continue;
      }
      boolean due =
          ChatOutbox.PENDING.equals(row.state())
              ? !row.nextAttemptAt().isAfter(now)
              : row.nextAttemptAt().isBefore(now.minus(STALE_CLAIM));
      if (!due || !outbox.claim(row, now.minus(STALE_CLAIM))) {
        held.add(group);
        continue;
      }
      if (attempt(row)) {
        delivered++;
      } else {
        held.add(group);
      }
    }
    return delivered;
  }

  private boolean attempt(Row row) {
    Optional<Target> target = targets.named(row.target());
    if (target.isEmpty()) {
      failed(row, "target " + row.target() + " is no longer configured", true);
      return false;
    }
    try {
      send(target.get(), row);
      outbox.sent(row.id());
      sent.increment();
      LOG.info("Chat {} sent to {}", row.key(), row.destination());
      return true;
    } catch (ChatRefused e) {
      failed(row, e.getMessage(), false);
    } catch (IOException e) {
      failed(row, "no answer: " + e.getClass().getSimpleName(), false);
    } catch (InterruptedException e) {
      java.lang.Thread.currentThread().interrupt();
      failed(row, "interrupted", false);
    } catch (RuntimeException e) {
      failed(row, "could not send: " + e.getClass().getSimpleName(), false);
    }
    return false;
  }

  private void send(Target target, Row row) throws IOException, InterruptedException {
    ObjectNode payload = (ObjectNode) json.readTree(row.payload());
    Optional<Thread> thread = Optional.empty();
    if (target.kind() == Kind.SLACK_API) {
      thread = outbox.thread(row.requestNumber(), row.destination());
      thread.ifPresent(t -> payload.put("channel", t.channelId()).put("thread_ts", t.ts()));
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target.endpoint())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload)));
    if (target.kind() == Kind.SLACK_API) {
      request.header("Authorization", "Bearer " + target.token());
    }
    HttpResponse<String> answer =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() / 100 != 2) {
      throw new ChatRefused("HTTP " + answer.statusCode());
    }
    if (target.kind() == Kind.SLACK_API) {
      JsonNode body = json.readTree(answer.body());
      if (!body.path("ok").asBoolean(false)) {
        // Slack's error codes (channel_not_found, not_in_channel, invalid_auth) name no secret
        throw new ChatRefused("Slack: " + body.path("error").asText("not ok"));
      }
      if (thread.isEmpty() && body.hasNonNull("ts")) {
        outbox.startThread(
            row.requestNumber(),
            row.destination(),
            new Thread(body.path("channel").asText(row.channel()), body.path("ts").asText()));
      }
    }
  }

  private void failed(Row row, String error, boolean finally_) {
    int attempts = row.attempts() + 1;
    if (finally_ || attempts >= settings.maxAttempts()) {
      outbox.attemptFailed(row.id(), error, Optional.empty());
      failures.increment();
      LOG.error(
          "Chat {} to {} FAILED after {} attempt(s): {}. An admin may retry it: POST /api/chat/messages/{}/retry",
          row.key(),
          row.destination(),
          attempts,
          error,
          row.id());
      return;
    }
    Instant next = clock.instant().plus(backoff(attempts));
    outbox.attemptFailed(row.id(), error, Optional.of(next));
    LOG.warn(
        "Chat {} to {} not sent (attempt {} of {}): {}; next at {}",
        row.key(),
        row.destination(),
        attempts,
        settings.maxAttempts(),
        error,
        next);
  }

  /** {@code first-backoff} after the first failure, twice as long each time, up to the maximum. */
  Duration backoff(int failedAttempts) {
    return Outbox.backoff(settings.firstBackoff(), settings.maxBackoff(), failedAttempts);
  }

  private void deliverQuietly() {
    try {
      deliverDue();
    } catch (RuntimeException e) {
      LOG.warn("Chat delivery round failed; the next round tries again", e);
    }
  }

  @Override
  public void start() {
    if (settings.background() && targets.any()) {
      background =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                java.lang.Thread thread = new java.lang.Thread(runnable, "chat-delivery");
                thread.setDaemon(true);
                return thread;
              });
      long every = settings.pollInterval().toMillis();
      background.scheduleWithFixedDelay(this::deliverQuietly, every, every, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  @PreDestroy
  public void stop() {
    if (background != null) {
      background.shutdownNow();
      background = null;
    }
  }

  @Override
  public boolean isRunning() {
    return background != null;
  }

  /** An answer that is not a success: the status or Slack's error code, never the body. */
  static final class ChatRefused extends IOException {
    ChatRefused(String message) {
      super(message);
    }
  }
}
