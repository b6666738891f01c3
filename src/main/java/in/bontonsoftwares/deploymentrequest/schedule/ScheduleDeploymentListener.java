package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.APPLICATION_NAME;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_APPROVED;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_COMMENT;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_DECIDED_BY;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_DECISION;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_FREEZES;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_FREEZE_IDS;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_JUSTIFICATION;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_REFUSAL;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_REQUESTED;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.CALENDAR_SEQUENCE;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.CONFIRMED_WINDOW;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.CONFIRM_DESPITE_CONFLICTS;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ENVIRONMENT;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ON_CALL_EMAIL;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.PREFERRED_WINDOW;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.PROJECT_NAME;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REQUEST_NUMBER;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ROLLBACK_PROCEDURE_CONFIRMED;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.SCHEDULED_BY;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.SCHEDULING_NOTES;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.STAKEHOLDER_EMAILS;

import in.bontonsoftwares.deploymentrequest.freeze.Conflicts;
import in.bontonsoftwares.deploymentrequest.identity.CurrentUser;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.WindowVariables;
import in.bontonsoftwares.deploymentrequest.request.CompletionCheck;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * "Schedule deployment": on {@code create} it proposes the requester's preferred window (the first
 * time; a reschedule shows the window confirmed before) with what it conflicts with (freezes, other
 * deployments, the on-call contact; read-only in the form); on {@code complete} it checks the
 * confirmed window, the rollback confirmation and the stakeholders, records who scheduled, and
 * moves the calendar invitation's sequence (0 the first time, +1 on each reschedule), which the
 * confirmation mail then sends. A window in a BLOCK freeze passes only with a break-glass
 * justification ({@code freeze.FreezeWindowRule}); every scheduling clears the decision on the
 * window before, since a new window needs its own approval.
 */
@Component("scheduleDeploymentListener")
class ScheduleDeploymentListener extends CompletionCheck {

  private final CurrentUser currentUser;
  private final Optional<Conflicts> conflicts;

  @Autowired
  ScheduleDeploymentListener(
      RequestValidator validator, CurrentUser currentUser, Conflicts conflicts) {
    this(validator, currentUser, Optional.of(conflicts));
  }

  /** Without the conflicts of the proposed window (for tests of the listener alone). */
  ScheduleDeploymentListener(RequestValidator validator, CurrentUser currentUser) {
    this(validator, currentUser, Optional.empty());
  }

  private ScheduleDeploymentListener(
      RequestValidator validator, CurrentUser currentUser, Optional<Conflicts> conflicts) {
    super(validator);
    this.currentUser = currentUser;
    this.conflicts = conflicts;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      proposeWindow(ProcessVariables.of(task));
    } else {
      super.notify(task);
    }
  }

  private void proposeWindow(ProcessVariables v) {
    if (!v.has(CONFIRMED_WINDOW.startText())) {
      v.set(CONFIRMED_WINDOW.startText(), v.get(PREFERRED_WINDOW.startText()));
      v.set(CONFIRMED_WINDOW.endText(), v.get(PREFERRED_WINDOW.endText()));
    }
    if (!v.has(ROLLBACK_PROCEDURE_CONFIRMED)) {
      v.set(ROLLBACK_PROCEDURE_CONFIRMED, false);
    }
    conflicts.ifPresent(check -> showConflicts(v, check));
  }

  /**
   * What the proposed window clashes with, for the scheduler to read before deciding: the window
   * confirmed before (a reschedule) or else the preferred one. Completing the task checks the
   * window then confirmed again ({@code RequestValidator#window}).
   */
  private static void showConflicts(ProcessVariables v, Conflicts check) {
    WindowVariables proposed =
        v.has(CONFIRMED_WINDOW.start()) ? CONFIRMED_WINDOW : PREFERRED_WINDOW;
    Date start = v.get(proposed.start());
    Date end = v.get(proposed.end());
    if (start == null || end == null || !end.after(start)) {
      return;
    }
    Conflicts.Answer answer =
        check.check(
            new Conflicts.Question(
                v.get(ENVIRONMENT),
                v.get(PROJECT_NAME),
                v.get(APPLICATION_NAME),
                start.toInstant(),
                end.toInstant(),
                v.get(ON_CALL_EMAIL),
                v.get(REQUEST_NUMBER)));
    v.set(CONFIRMED_WINDOW.conflicts(), check.describe(answer));
  }

  @Override
  protected void check(ProcessVariables v, Problems problems) {
    validator.required(v, CONFIRMED_WINDOW.startText(), "Confirmed window start", problems);
    validator.required(v, CONFIRMED_WINDOW.endText(), "Confirmed window end", problems);
    String shown = v.get(CONFIRMED_WINDOW.conflicts());
    int before = problems.count();
    validator.window(v, CONFIRMED_WINDOW, "confirmed deployment window", problems);
    if (problems.count() == before) {
      unseenConflicts(shown, v.get(CONFIRMED_WINDOW.conflicts()))
          .filter(unseen -> !v.get(CONFIRM_DESPITE_CONFLICTS))
          .ifPresent(
              unseen ->
                  problems.add(
                      "The confirmed window clashes with what the form did not show you: "
                          + unseen
                          + " Tick \"Confirm despite these conflicts\" to confirm it anyway, or"
                          + " choose another window."));
    }
    if (!v.get(ROLLBACK_PROCEDURE_CONFIRMED)) {
      problems.add("Confirm the rollback procedure with the team before scheduling.");
    }
    validator.emailList(v, STAKEHOLDER_EMAILS, problems);
    validator.lengths(v, problems, STAKEHOLDER_EMAILS, SCHEDULING_NOTES, BREAK_GLASS_JUSTIFICATION);
  }

  /**
   * The conflicts of the confirmed window that the form did not list for the proposed one (one "- "
   * line each, as {@code Conflicts.describe} writes them), joined; empty when there are none. A
   * confirmed window that differs from the proposed one is checked only on completion, so whoever
   * confirms it must have read these first.
   */
  static Optional<String> unseenConflicts(String shown, String now) {
    List<String> seen = conflictLines(shown);
    String unseen =
        conflictLines(now).stream()
            .filter(line -> !seen.contains(line))
            .map(line -> line.substring(2))
            .collect(Collectors.joining(" "));
    return unseen.isEmpty() ? Optional.empty() : Optional.of(unseen);
  }

  private static List<String> conflictLines(String described) {
    return described == null
        ? List.of()
        : described.lines().map(String::strip).filter(line -> line.startsWith("- ")).toList();
  }

  @Override
  protected void completed(DelegateTask task, ProcessVariables v) {
    v.set(SCHEDULED_BY, currentUser.completing(task));
    // a later scheduling (a reschedule) reads its own window's conflicts
    v.set(CONFIRM_DESPITE_CONFLICTS, false);
    v.set(BREAK_GLASS_APPROVED, false);
    v.set(BREAK_GLASS_DECISION, null);
    v.set(BREAK_GLASS_COMMENT, null);
    v.set(BREAK_GLASS_DECIDED_BY, null);
    if (!v.get(BREAK_GLASS_REQUESTED)) {
      // a justification for a window that needs none asks for nothing
      v.set(BREAK_GLASS_JUSTIFICATION, null);
      v.set(BREAK_GLASS_FREEZES, null);
      v.set(BREAK_GLASS_FREEZE_IDS, null);
      v.set(BREAK_GLASS_REFUSAL, null);
    }
    v.set(CALENDAR_SEQUENCE, v.has(CALENDAR_SEQUENCE) ? v.get(CALENDAR_SEQUENCE) + 1 : 0);
  }
}
