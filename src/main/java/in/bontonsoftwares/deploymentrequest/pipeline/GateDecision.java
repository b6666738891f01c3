package in.bontonsoftwares.deploymentrequest.pipeline;

import java.time.Duration;
import java.time.Instant;

/**
 * What the gate answers: GO (200), WAIT (202 with {@code Retry-After}) or STOP (403), why ({@code
 * reason}, a stable code, and {@code message} for people) and the confirmed window where there is
 * one. Public for the integrations that ask the gate for others ({@link Gate}).
 */
public record GateDecision(
    Decision decision,
    String reason,
    String message,
    RequestState state,
    Instant opensAt,
    Instant closesAt,
    Duration retryAfter) {

  public enum Decision {
    GO,
    WAIT,
    STOP
  }

  static final Duration MIN_RETRY = Duration.ofSeconds(1);
  static final Duration MAX_RETRY = Duration.ofMinutes(5);

  static GateDecision go(RequestState state, String message, Instant opens, Instant closes) {
    return new GateDecision(Decision.GO, "APPROVED_IN_WINDOW", message, state, opens, closes, null);
  }

  static GateDecision await(
      RequestState state, String reason, String message, Instant opens, Duration retryAfter) {
    Duration retry =
        retryAfter.compareTo(MIN_RETRY) < 0
            ? MIN_RETRY
            : retryAfter.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryAfter;
    return new GateDecision(Decision.WAIT, reason, message, state, opens, null, retry);
  }

  static GateDecision stop(RequestState state, String reason, String message) {
    return new GateDecision(Decision.STOP, reason, message, state, null, null, null);
  }

  GateDecision closingAt(Instant closes) {
    return new GateDecision(decision, reason, message, state, opensAt, closes, retryAfter);
  }

  /** Another answer for a waiting pipeline: the decision or its reason changed. */
  boolean differsFrom(GateDecision other) {
    return decision != other.decision || !reason.equals(other.reason);
  }

  /** When this answer may change by time alone: the window opening or closing. */
  public Instant changesAt() {
    return decision == Decision.GO ? closesAt : opensAt;
  }
}
