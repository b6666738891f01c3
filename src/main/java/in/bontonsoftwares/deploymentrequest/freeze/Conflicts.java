package in.bontonsoftwares.deploymentrequest.freeze;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.display.Readable;
import in.bontonsoftwares.deploymentrequest.freeze.Bookings.Booking;
import in.bontonsoftwares.deploymentrequest.request.Environment;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * Everything that clashes with a deployment window, all of it, not the first: the BLOCK freezes
 * (the window cannot be confirmed), the WARN freezes, the other scheduled or running deployments of
 * the same application to the same environment in an overlapping window, and the on-call contact on
 * call for another deployment at the same time. With it, the next free slot of the same length: the
 * first start from the asked one on at which no BLOCK freeze and no other deployment of the
 * application to the environment overlaps.
 */
@Service
public class Conflicts {

  /** How far ahead the next free slot is looked for. */
  static final Duration SLOT_HORIZON = Duration.ofDays(732);

  private final Freezes freezes;
  private final Bookings bookings;
  private final ZoneId zone;

  Conflicts(Freezes freezes, Bookings bookings, DeploymentRequestProperties properties) {
    this.freezes = freezes;
    this.bookings = bookings;
    this.zone = properties.timeZone();
  }

  /**
   * A window to check.
   *
   * @param project the project (freezes may name projects); {@code null}: freezes of every project
   *     only
   * @param onCallEmail the on-call contact, {@code null} to leave them out
   * @param excludeRequest the request the window is for, whose own booking is no conflict
   */
  public record Question(
      String environment,
      String project,
      String application,
      Instant start,
      Instant end,
      String onCallEmail,
      String excludeRequest) {}

  public enum Kind {
    /** A BLOCK freeze: the window cannot be confirmed. */
    FREEZE_BLOCK,
    /** A WARN freeze: the window may be confirmed, knowingly. */
    FREEZE_WARN,
    /** Another deployment of the same application to the same environment at the same time. */
    DEPLOYMENT,
    /** The on-call contact is on call for another deployment at the same time. */
    ON_CALL
  }

  /**
   * One conflict: a freeze ({@code freeze}, its period in {@code start}/{@code end}) or another
   * request ({@code requestNumber}, its window).
   */
  public record Conflict(
      Kind kind,
      String message,
      Long freezeId,
      String freeze,
      String requestNumber,
      String environment,
      String application,
      Instant start,
      Instant end) {}

  /** A window of the asked length. */
  public record Slot(Instant start, Instant end) {}

  /**
   * @param blocked whether a BLOCK freeze overlaps the window
   * @param nextFreeSlot the asked window itself when it is free; {@code null} when none was found
   *     within two years
   */
  public record Answer(
      String environment,
      String application,
      Instant start,
      Instant end,
      boolean blocked,
      List<Conflict> conflicts,
      Slot nextFreeSlot) {}

  public Answer check(Question question) {
    List<Freeze> covering = freezes.covering(question.environment(), question.project());
    List<Conflict> conflicts = new ArrayList<>();
    for (Freezes.Hit hit : Freezes.hits(covering, question.start(), question.end())) {
      conflicts.add(freezeConflict(hit));
    }
    List<Booking> overlapping =
        bookings.overlapping(question.start(), question.end()).stream()
            .filter(booking -> !booking.requestNumber().equals(question.excludeRequest()))
            .sorted(
                Comparator.comparing(Booking::windowStart).thenComparing(Booking::requestNumber))
            .toList();
    for (Booking booking : overlapping) {
      if (sameDeployment(booking, question)) {
        conflicts.add(
            bookingConflict(
                Kind.DEPLOYMENT,
                booking,
                "%s deploys %s to %s at the same time (%s)."
                    .formatted(
                        booking.requestNumber(),
                        booking.applicationName(),
                        Environment.labelOf(booking.environment()),
                        window(booking.windowStart(), booking.windowEnd()))));
      }
    }
    for (Booking booking : overlapping) {
      if (question.onCallEmail() != null
          && booking.onCallEmail() != null
          && booking.onCallEmail().equalsIgnoreCase(question.onCallEmail().trim())) {
        conflicts.add(
            bookingConflict(
                Kind.ON_CALL,
                booking,
                "The on-call contact %s is on call for %s (%s, %s) at the same time (%s)."
                    .formatted(
                        booking.onCallEmail(),
                        booking.requestNumber(),
                        booking.applicationName(),
                        Environment.labelOf(booking.environment()),
                        window(booking.windowStart(), booking.windowEnd()))));
      }
    }
    boolean blocked = conflicts.stream().anyMatch(c -> c.kind() == Kind.FREEZE_BLOCK);
    return new Answer(
        question.environment(),
        question.application(),
        question.start(),
        question.end(),
        blocked,
        List.copyOf(conflicts),
        nextFreeSlot(question, covering));
  }

  /**
   * The first window of the asked length that starts at or after the asked start and that no BLOCK
   * freeze and no other deployment of the application to the environment overlaps.
   */
  private Slot nextFreeSlot(Question question, List<Freeze> covering) {
    Duration length = Duration.between(question.start(), question.end());
    Instant horizon = question.start().plus(SLOT_HORIZON);
    List<Freeze> blocking =
        covering.stream().filter(freeze -> freeze.mode() == Freeze.Mode.BLOCK).toList();
    List<Booking> booked =
        question.application() == null
            ? List.of()
            : bookings
                .ofApplication(
                    question.environment(),
                    question.application(),
                    question.start(),
                    horizon.plus(length))
                .stream()
                .filter(booking -> !booking.requestNumber().equals(question.excludeRequest()))
                .toList();
    Instant start = question.start();
    while (start.isBefore(horizon)) {
      Instant end = start.plus(length);
      Instant free = null;
      for (Freezes.Hit hit : Freezes.hits(blocking, start, end)) {
        free = later(free, hit.occurrence().end());
      }
      for (Booking booking : booked) {
        if (booking.overlaps(start, end)) {
          free = later(free, booking.windowEnd());
        }
      }
      if (free == null) {
        return new Slot(start, end);
      }
      start = free;
    }
    return null;
  }

  private static boolean sameDeployment(Booking booking, Question question) {
    return Objects.equals(booking.environment(), question.environment())
        && Objects.equals(booking.applicationName(), question.application());
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  private Conflict freezeConflict(Freezes.Hit hit) {
    Freeze freeze = hit.freeze();
    boolean block = freeze.mode() == Freeze.Mode.BLOCK;
    String message =
        "%s freeze \"%s\" (%s)%s%s"
            .formatted(
                block ? "Inside the" : "Inside the WARN",
                freeze.name(),
                window(hit.occurrence().start(), hit.occurrence().end()),
                freeze.reason() == null ? "" : ": " + freeze.reason(),
                block ? "; no deployment may be confirmed in it." : "; deploy only knowingly.");
    return new Conflict(
        block ? Kind.FREEZE_BLOCK : Kind.FREEZE_WARN,
        message,
        freeze.id(),
        freeze.name(),
        null,
        null,
        null,
        hit.occurrence().start(),
        hit.occurrence().end());
  }

  private static Conflict bookingConflict(Kind kind, Booking booking, String message) {
    return new Conflict(
        kind,
        message,
        null,
        null,
        booking.requestNumber(),
        booking.environment(),
        booking.applicationName(),
        booking.windowStart(),
        booking.windowEnd());
  }

  /**
   * The answer as people read it in a form or a mail: one line per conflict, then the next free
   * slot; "None." when the window is free.
   */
  public String describe(Answer answer) {
    if (answer.conflicts().isEmpty()) {
      return "None.";
    }
    StringBuilder text = new StringBuilder();
    for (Conflict conflict : answer.conflicts()) {
      text.append("- ").append(conflict.message()).append('\n');
    }
    if (answer.nextFreeSlot() != null) {
      text.append("Next free slot of the same length: ")
          .append(window(answer.nextFreeSlot().start(), answer.nextFreeSlot().end()))
          .append('.');
    }
    String described = text.toString().strip();
    // what a text variable holds
    int most = RequestValidator.MAX_TEXT_LENGTH;
    return described.length() > most ? described.substring(0, most - 4) + " ..." : described;
  }

  String window(Instant start, Instant end) {
    return Readable.dateTime(start, zone) + " to " + Readable.dateTime(end, zone);
  }
}
