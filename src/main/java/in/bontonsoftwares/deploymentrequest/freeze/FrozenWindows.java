package in.bontonsoftwares.deploymentrequest.freeze;

import in.bontonsoftwares.deploymentrequest.freeze.Bookings.Booking;
import in.bontonsoftwares.deploymentrequest.identity.CurrentUser;
import in.bontonsoftwares.deploymentrequest.mail.MailComposer;
import in.bontonsoftwares.deploymentrequest.mail.MailService;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A freeze declared or changed after windows were confirmed: every scheduled or running deployment
 * whose confirmed window it now covers is mailed to its requester and the DevSecOps mailbox (once
 * per request, window, freeze and period, the sent-mail log's key), and the pipeline gate holds it
 * while a BLOCK freeze lasts. The freeze is stored before: a mail the SMTP server refuses is logged
 * and named in the answer, it does not undo the freeze.
 */
@Component
class FrozenWindows {

  private static final Logger LOG = LoggerFactory.getLogger(FrozenWindows.class);

  private final Bookings bookings;
  private final MailComposer composer;
  private final MailService mail;
  private final RuntimeService runtimeService;
  private final CurrentUser currentUser;
  private final Clock clock;

  FrozenWindows(
      Bookings bookings,
      MailComposer composer,
      MailService mail,
      RuntimeService runtimeService,
      CurrentUser currentUser,
      Clock clock) {
    this.bookings = bookings;
    this.composer = composer;
    this.mail = mail;
    this.runtimeService = runtimeService;
    this.currentUser = currentUser;
    this.clock = clock;
  }

  /**
   * A request whose confirmed window the freeze covers.
   *
   * @param mailed whether the mail went out (also when it had gone out before, for the same period)
   */
  record Affected(
      String requestNumber,
      String environment,
      String application,
      Instant windowStart,
      Instant windowEnd,
      Instant frozenFrom,
      Instant frozenUntil,
      boolean mailed) {}

  /** Mails every request whose window the freeze covers from now on; answers which they are. */
  List<Affected> announce(Freeze freeze) {
    Instant now = clock.instant();
    List<Affected> affected = new ArrayList<>();
    for (Booking booking : bookings.overlapping(now, now.plus(Conflicts.SLOT_HORIZON))) {
      if (!freeze.covers(booking.environment(), booking.projectName())) {
        continue;
      }
      List<Freeze.Occurrence> periods =
          freeze.occurrences(booking.windowStart(), booking.windowEnd());
      if (periods.isEmpty()) {
        continue;
      }
      Freeze.Occurrence period = periods.get(0);
      affected.add(
          new Affected(
              booking.requestNumber(),
              booking.environment(),
              booking.applicationName(),
              booking.windowStart(),
              booking.windowEnd(),
              period.start(),
              period.end(),
              mail(freeze, booking, period)));
    }
    return affected;
  }

  private boolean mail(Freeze freeze, Booking booking, Freeze.Occurrence period) {
    try {
      Map<String, Object> variables =
          currentUser.asEngine(() -> runtimeService.getVariables(booking.processInstanceId()));
      mail.send(
          composer.composeWindowFrozen(
              ProcessVariables.of(variables),
              freeze.id(),
              freeze.name(),
              freeze.mode() == Freeze.Mode.BLOCK,
              freeze.reason(),
              period.start(),
              period.end()));
      return true;
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not mail {} that freeze {} covers its window",
          booking.requestNumber(),
          freeze.id(),
          e);
      return false;
    }
  }
}
