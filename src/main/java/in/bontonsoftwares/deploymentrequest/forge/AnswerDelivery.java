package in.bontonsoftwares.deploymentrequest.forge;

import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.GateGo;
import in.bontonsoftwares.deploymentrequest.config.ForgeProperties;
import in.bontonsoftwares.deploymentrequest.database.Outbox;
import in.bontonsoftwares.deploymentrequest.forge.HeldDeployments.Forge;
import in.bontonsoftwares.deploymentrequest.forge.HeldDeployments.Held;
import in.bontonsoftwares.deploymentrequest.pipeline.Gate;
import in.bontonsoftwares.deploymentrequest.pipeline.GateDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the decided answers: each claimed by one row update before it is sent (one node sends it; a
 * node that died while sending leaves it to be claimed again after five minutes). An approval is
 * decided again just before it goes out, by the same gate: one that the gate no longer gives (the
 * window closed, a freeze began while GitHub was unreachable) is not sent. A failed call is tried
 * again after {@code first-backoff}, twice as long each time up to {@code max-backoff}; after
 * {@code max-attempts}, or at once when the forge refuses for good (4xx), the answer is FAILED: an
 * ERROR log line and the counter {@code deployment.forge.failures}.
 */
@Component
class AnswerDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(AnswerDelivery.class);
  private static final Duration STALE_CLAIM = Duration.ofMinutes(5);

  private final HeldDeployments store;
  private final Gate gate;
  private final List<ForgeClient> clients;
  private final ForgeProperties.Delivery settings;
  private final Clock clock;
  private final Counter failures;
  private final Counter sent;

  AnswerDelivery(
      HeldDeployments store,
      Gate gate,
      List<ForgeClient> clients,
      ForgeProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.store = store;
    this.gate = gate;
    this.clients = clients;
    this.settings = properties.delivery();
    this.clock = clock;
    this.failures =
        Counter.builder("deployment.forge.failures")
            .description("Answers to GitHub or GitLab given up after their last attempt")
            .register(meters);
    this.sent =
        Counter.builder("deployment.forge.answers")
            .description("Answers sent to GitHub or GitLab")
            .register(meters);
    Gauge.builder("deployment.forge.failed", store, s -> s.count(HeldDeployments.FAILED))
        .description("Held deployments whose answer FAILED")
        .register(meters);
  }

  /** Sends every answer that is due; returns how many were sent. */
  synchronized int deliverDue() {
    Instant now = clock.instant();
    int delivered = 0;
    for (Held held : store.answers()) {
      boolean due =
          HeldDeployments.DECIDED.equals(held.state())
              ? !held.nextAttemptAt().isAfter(now)
              : held.nextAttemptAt().isBefore(now.minus(STALE_CLAIM));
      if (due && store.claim(held, now.minus(STALE_CLAIM)) && attempt(held)) {
        delivered++;
      }
    }
    return delivered;
  }

  private boolean attempt(Held held) {
    Optional<ForgeClient> client =
        clients.stream().filter(c -> c.forge() == held.forge() && c.enabled()).findFirst();
    if (client.isEmpty()) {
      failed(held, held.forge() + " is not configured", true);
      return false;
    }
    boolean approve = HeldDeployments.APPROVED.equals(held.answer());
    String comment = held.comment();
    Optional<Gate.Request> request = Optional.empty();
    if (approve) {
      Gate.Look look = gate.look(held.processInstanceId());
      request = look.request();
      GateDecision now = look.decide(held.environment(), held.version(), held.digest(), held.sha());
      if (now.decision() == GateDecision.Decision.WAIT) {
        store.reconsidered(held.id(), HeldDeployments.WAITING, null, null);
        return false;
      }
      if (now.decision() == GateDecision.Decision.STOP) {
        approve = false;
        comment = Answers.rejection(held, now);
        store.reconsidered(held.id(), HeldDeployments.SENDING, HeldDeployments.REJECTED, comment);
      }
    }
    try {
      client.get().answer(held, approve, comment);
      store.sent(held.id());
      sent.increment();
      LOG.info(
          "{} deployment {} of {} to {} {} ({})",
          held.forge(),
          held.target(),
          held.repository(),
          held.forgeEnvironment(),
          approve ? "approved" : "rejected",
          held.requestNumber() == null ? "no request" : held.requestNumber());
      if (approve) {
        gate.recordGo(
            held.requestNumber(),
            new GateGo(
                clock.instant(),
                held.forge() == Forge.GITHUB ? "github-app" : "gitlab",
                null,
                null,
                Answers.where(held),
                held.environment(),
                held.version() != null
                    ? held.version()
                    : request.map(Gate.Request::version).orElse(null),
                held.digest() != null
                    ? held.digest()
                    : request.map(Gate.Request::digest).orElse(null)));
      }
      return true;
    } catch (ForgeClient.Refused e) {
      failed(held, e.getMessage(), !e.retry());
    } catch (IOException e) {
      failed(held, "no answer: " + e.getClass().getSimpleName(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed(held, "interrupted", false);
    } catch (RuntimeException e) {
      failed(held, "could not send: " + e.getClass().getSimpleName(), false);
    }
    return false;
  }

  private void failed(Held held, String error, boolean finally_) {
    int attempts = held.attempts() + 1;
    if (finally_ || attempts >= settings.maxAttempts()) {
      store.attemptFailed(held.id(), error, Optional.empty());
      failures.increment();
      LOG.error(
          "{} deployment {} of {} to {}: the answer '{}' for {} FAILED after {} attempt(s): {}."
              + " The deployment stays held there until someone decides it.",
          held.forge(),
          held.target(),
          held.repository(),
          held.forgeEnvironment(),
          held.answer(),
          held.requestNumber() == null ? "no request" : held.requestNumber(),
          attempts,
          error);
      return;
    }
    Instant next = clock.instant().plus(backoff(attempts));
    store.attemptFailed(held.id(), error, Optional.of(next));
    LOG.warn(
        "{} deployment {} of {}: answer not sent (attempt {} of {}): {}; next at {}",
        held.forge(),
        held.target(),
        held.repository(),
        attempts,
        settings.maxAttempts(),
        error,
        next);
  }

  /** {@code first-backoff} after the first failure, doubling with each, at most the maximum. */
  Duration backoff(int failedAttempts) {
    return Outbox.backoff(settings.firstBackoff(), settings.maxBackoff(), failedAttempts);
  }
}
