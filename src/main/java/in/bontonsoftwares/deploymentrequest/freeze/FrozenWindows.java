package in.bontonsoftwares.deploymentrequest.freeze;

import in.bontonsoftwares.deploymentrequest.freeze.Bookings.Booking;
import in.bontonsoftwares.deploymentrequest.identity.CurrentUser;
import in.bontonsoftwares.deploymentrequest.mail.MailComposer;
import in.bontonsoftwares.deploymentrequest.mail.MailService;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Message;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A freeze declared or changed after windows were confirmed: every scheduled or running deployment
 * whose confirmed window it now covers is mailed to its requester and the DevSecOps mailbox (once
 * per request, window, freeze and period, the sent-mail log's key), and the pipeline gate holds it
 * while a BLOCK freeze lasts. The freeze is stored before: a mail the SMTP server refuses is logged
 * and named in the answer, it does not undo the freeze.
 *
 * <p>A BLOCK freeze also takes a request that still waits for its window back to scheduling: the
 * message {@code WindowFrozen} (by request number) interrupts "Wait for the window", and DevSecOps
 * get "Schedule deployment" again. Only once the freeze is committed (after the surrounding
 * transaction, if there is one), only while the request waits there, once per freeze period ({@code
 * windowFrozenBy}), and never for a freeze that an approved break-glass let the window into.
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
  private final Conflicts conflicts;

  FrozenWindows(
      Bookings bookings,
      MailComposer composer,
      MailService mail,
      RuntimeService runtimeService,
      CurrentUser currentUser,
      Clock clock,
      Conflicts conflicts) {
    this.conflicts = conflicts;
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
    List<Runnable> reschedules = new ArrayList<>();
    for (Booking booking : bookings.overlapping(now, now.plus(Conflicts.SLOT_HORIZON))) {
      if (!freeze.covers(booking.environment(), booking.projectName())) {
        continue;
      }
      // the cheap question first: only a window the freeze reaches needs its request's variables
      List<Freeze.Occurrence> periods =
          freeze.occurrences(booking.windowStart(), booking.windowEnd());
      if (periods.isEmpty()) {
        continue;
      }
      ProcessVariables request = variables(booking);
      if (BreakGlass.excused(request).contains(freeze.id())) {
        // confirmed knowingly into this freeze: nothing new to tell or to do
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
              mail(freeze, request, booking, period)));
      if (freeze.mode() == Freeze.Mode.BLOCK) {
        reschedules.add(() -> reschedule(freeze, booking, period));
      }
    }
    afterCommit(() -> reschedules.forEach(Runnable::run));
    return affected;
  }

  private ProcessVariables variables(Booking booking) {
    try {
      return ProcessVariables.of(
          currentUser.asEngine(() -> runtimeService.getVariables(booking.processInstanceId())));
    } catch (ProcessEngineException gone) {
      // a request deleted a moment ago: its mail then fails and is named in the answer
      return ProcessVariables.of(Map.of());
    }
  }

  /**
   * Runs once the caller's transaction commits; at once when there is none (the freeze is saved).
   */
  private static void afterCommit(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              action.run();
            }
          });
    } else {
      action.run();
    }
  }

  /**
   * Interrupts the request's wait for its window, if it still waits and this period has not done so
   * before: the message finds no subscription otherwise, and nothing happens.
   */
  private void reschedule(Freeze freeze, Booking booking, Freeze.Occurrence period) {
    String by = freeze.id() + "@" + period.start();
    try {
      currentUser.asEngine(
          () -> {
            if (by.equals(
                Data.WINDOW_FROZEN_BY.read(
                    runtimeService.getVariable(
                        booking.processInstanceId(), Data.WINDOW_FROZEN_BY.name())))) {
              return null;
            }
            return runtimeService
                .createMessageCorrelation(Message.WINDOW_FROZEN)
                .processInstanceBusinessKey(booking.requestNumber())
                .setVariable(Data.WINDOW_FROZEN_BY.name(), by)
                .setVariable(
                    Data.EXECUTION_NOTES.name(),
                    "The window falls into the freeze \"%s\" (%s), declared after it was scheduled."
                        .formatted(freeze.name(), conflicts.window(period.start(), period.end())))
                .correlateAllWithResult();
          });
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not take {} back to scheduling for freeze {}", booking.requestNumber(), by, e);
    }
  }

  private boolean mail(
      Freeze freeze, ProcessVariables request, Booking booking, Freeze.Occurrence period) {
    try {
      mail.send(
          composer.composeWindowFrozen(
              request,
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
