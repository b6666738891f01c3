package in.bontonsoftwares.deploymentrequest.pipeline;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.display.Readable;
import in.bontonsoftwares.deploymentrequest.freeze.ActiveFreezes;
import in.bontonsoftwares.deploymentrequest.freeze.BreakGlass;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The gate's one rule: GO only while the request is approved and scheduled, its confirmed window is
 * open (the window's timer fired and the window has not ended) and the pipeline deploys the
 * environment, version and (when the request named one) artifact digest that were reviewed (and,
 * when the asker names the commit it deploys, the request's commit); WAIT while it may still become
 * GO; STOP when it never will. Later conditions (freeze periods) join here, so there is no second
 * path to GO: a BLOCK freeze period covering now holds an open window (WAIT with {@code FROZEN}
 * when the freeze ends before the window does, else STOP), also when the freeze was declared after
 * the window was confirmed; but not by a freeze that an approved break-glass let this confirmed
 * window into ({@code breakGlassApproved}, {@code breakGlassFreezeIds}).
 */
@Component
class GateRule {

  /** How long a pipeline should wait before it asks again while the request is with people. */
  static final Duration RETRY_WHILE_WITH_PEOPLE = Duration.ofSeconds(30);

  private final ZoneId zone;
  private final ActiveFreezes freezes;

  GateRule(DeploymentRequestProperties properties, ActiveFreezes freezes) {
    this.zone = properties.timeZone();
    this.freezes = freezes;
  }

  /**
   * What the pipeline says it deploys. {@code digest} may be absent; {@code commit} too (the REST
   * gate asks without one): a deployment held on GitHub or GitLab names the commit it deploys,
   * which must then be the request's.
   */
  record Question(String environment, String version, String digest, String commit) {
    Question(String environment, String version, String digest) {
      this(environment, version, digest, null);
    }
  }

  GateDecision decide(RequestSnapshot request, Question question, Instant now) {
    RequestState state = request.state();
    String number = request.requestNumber();
    switch (state) {
      case REJECTED -> {
        return GateDecision.stop(
            state, "REJECTED", number + " was rejected; it will never deploy.");
      }
      case WITHDRAWN -> {
        return GateDecision.stop(state, "WITHDRAWN", number + " was withdrawn by its requester.");
      }
      case CANCELLED -> {
        return GateDecision.stop(
            state, "CANCELLED", number + " was cancelled by an administrator.");
      }
      case VERIFYING, ROLLING_BACK, DOCUMENTING, DEPLOYED, ROLLED_BACK -> {
        return GateDecision.stop(
            state,
            "FINISHED",
            number + " has been deployed already (" + state.description().toLowerCase() + ").");
      }
      default -> {
        // still on its way: the artifact decides first
      }
    }
    String environment = request.get(ENVIRONMENT);
    if (!Objects.equals(environment, question.environment())) {
      return GateDecision.stop(
          state,
          "ENVIRONMENT_MISMATCH",
          "%s is a request for %s, not for %s."
              .formatted(number, environment, question.environment()));
    }
    String version = request.get(VERSION);
    if (!Objects.equals(version, question.version())) {
      return GateDecision.stop(
          state,
          "VERSION_MISMATCH",
          "%s was reviewed for version %s, not %s.".formatted(number, version, question.version()));
    }
    String digest = request.get(ARTIFACT_DIGEST);
    if (digest != null && !digest.equals(question.digest())) {
      return GateDecision.stop(
          state,
          "DIGEST_MISMATCH",
          question.digest() == null
              ? "%s was reviewed for the artifact %s; say which artifact you deploy (digest)."
                  .formatted(number, digest)
              : "%s was reviewed for the artifact %s, not %s."
                  .formatted(number, digest, question.digest()));
    }
    if (question.commit() != null) {
      String commit = request.get(COMMIT_SHA);
      if (commit == null
          || !question
              .commit()
              .toLowerCase(Locale.ROOT)
              .startsWith(commit.toLowerCase(Locale.ROOT))) {
        return GateDecision.stop(
            state,
            "COMMIT_MISMATCH",
            commit == null
                ? "%s names no commit, so a deployment of commit %s cannot be checked against it."
                    .formatted(number, question.commit())
                : "%s was reviewed for commit %s, not %s."
                    .formatted(number, commit, question.commit()));
      }
    }
    Instant opens = request.instant(CONFIRMED_WINDOW_START_AT);
    Instant closes = request.instant(CONFIRMED_WINDOW_END_AT);
    return switch (state) {
      case WINDOW_OPEN, DEPLOYING -> {
        if (closes != null && !now.isBefore(closes)) {
          yield GateDecision.stop(
              state,
              "WINDOW_CLOSED",
              "The confirmed window of %s closed at %s; DevSecOps can reschedule it."
                  .formatted(number, show(closes)));
        }
        if (opens != null && now.isBefore(opens)) {
          yield windowNotOpen(state, number, opens, closes, now);
        }
        Optional<ActiveFreezes.Hold> frozen =
            freezes.holding(
                environment,
                request.get(PROJECT_NAME),
                now,
                BreakGlass.excused(ProcessVariables.of(request.variables())));
        if (frozen.isPresent()) {
          yield frozen(state, number, frozen.get(), closes, now);
        }
        yield GateDecision.go(
            state,
            "%s is approved and its window is open until %s.".formatted(number, show(closes)),
            opens,
            closes);
      }
      case SCHEDULED -> {
        if (closes != null && !now.isBefore(closes)) {
          yield GateDecision.stop(
              state,
              "WINDOW_CLOSED",
              "The confirmed window of %s closed at %s.".formatted(number, show(closes)));
        }
        yield windowNotOpen(state, number, opens, closes, now);
      }
      case APPROVED ->
          GateDecision.await(
              state,
              "NOT_SCHEDULED",
              number + " is approved; DevSecOps has not confirmed its window yet.",
              null,
              RETRY_WHILE_WITH_PEOPLE);
      case CHANGES_REQUESTED ->
          GateDecision.await(
              state,
              "CHANGES_REQUESTED",
              "The reviewer asked for changes to " + number + "; the requester amends it.",
              null,
              RETRY_WHILE_WITH_PEOPLE);
      case CHECKLIST_INCOMPLETE ->
          GateDecision.await(
              state,
              "CHECKLIST_INCOMPLETE",
              "The checklist of " + number + " is incomplete; the requester completes it.",
              null,
              RETRY_WHILE_WITH_PEOPLE);
      default ->
          GateDecision.await(
              state,
              "IN_REVIEW",
              number + " is in review by DevSecOps.",
              null,
              RETRY_WHILE_WITH_PEOPLE);
    };
  }

  /**
   * Held by a freeze: WAIT until it ends when that is before the window closes (the answer changes
   * then), else STOP, since the window will close inside the freeze.
   */
  private GateDecision frozen(
      RequestState state, String number, ActiveFreezes.Hold hold, Instant closes, Instant now) {
    String names =
        hold.names().stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(", "));
    if (closes != null && !hold.until().isBefore(closes)) {
      return GateDecision.stop(
          state,
          "FROZEN",
          "%s is held by the freeze %s until %s and its window closes at %s: it cannot deploy in this window; DevSecOps can reschedule it."
              .formatted(number, names, show(hold.until()), show(closes)));
    }
    return GateDecision.await(
            state,
            "FROZEN",
            "%s is held by the freeze %s until %s.".formatted(number, names, show(hold.until())),
            hold.until(),
            Duration.between(now, hold.until()))
        .closingAt(closes);
  }

  private GateDecision windowNotOpen(
      RequestState state, String number, Instant opens, Instant closes, Instant now) {
    Duration untilOpen =
        opens == null || !opens.isAfter(now) ? Duration.ofSeconds(1) : Duration.between(now, opens);
    return GateDecision.await(
            state,
            "WINDOW_NOT_OPEN",
            opens == null
                ? number + " is scheduled; its window opens shortly."
                : "%s is scheduled for %s - %s.".formatted(number, show(opens), show(closes)),
            opens,
            untilOpen)
        .closingAt(closes);
  }

  private String show(Instant instant) {
    return instant == null ? "?" : Readable.dateTime(instant, zone);
  }
}
