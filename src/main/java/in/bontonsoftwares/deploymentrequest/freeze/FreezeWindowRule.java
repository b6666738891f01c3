package in.bontonsoftwares.deploymentrequest.freeze;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.APPLICATION_NAME;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_FREEZES;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_FREEZE_IDS;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_JUSTIFICATION;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_REQUESTED;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.CONFIRMED_WINDOW;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ENVIRONMENT;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ON_CALL_EMAIL;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.PROJECT_NAME;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REQUEST_NUMBER;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.WindowVariables;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import in.bontonsoftwares.deploymentrequest.request.WindowRule;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A window inside a BLOCK freeze is refused, at submission (the preferred window) as at scheduling
 * (the confirmed one), with the freezes named and the next free slot of the same length offered: no
 * scheduler could confirm it, so the requester hears it at once. WARN freezes and other deployments
 * are conflicts to see ({@code /api/conflicts}), not reasons to refuse.
 *
 * <p>Break-glass: a confirmed window in a BLOCK freeze that the scheduler justifies ({@code
 * breakGlassJustification}) is not refused but asked for: the rule notes the freezes (as text and
 * as ids) and {@code breakGlassRequested}, and the model takes the request to "Approve break-glass"
 * before anything is booked. A preferred window has no break-glass: only scheduling confirms one.
 */
@Component
class FreezeWindowRule implements WindowRule {

  private final Conflicts conflicts;

  FreezeWindowRule(Conflicts conflicts) {
    this.conflicts = conflicts;
  }

  @Override
  public void check(
      ProcessVariables request,
      WindowVariables window,
      Instant start,
      Instant end,
      String what,
      Problems problems) {
    String environment = request.get(ENVIRONMENT);
    if (environment == null) {
      return;
    }
    Conflicts.Answer answer =
        conflicts.check(
            new Conflicts.Question(
                environment,
                request.get(PROJECT_NAME),
                request.get(APPLICATION_NAME),
                start,
                end,
                request.get(ON_CALL_EMAIL),
                request.get(REQUEST_NUMBER)));
    request.set(window.conflicts(), conflicts.describe(answer));
    boolean scheduling = window.equals(CONFIRMED_WINDOW);
    if (scheduling) {
      request.set(BREAK_GLASS_REQUESTED, false);
    }
    if (!answer.blocked()) {
      return;
    }
    List<Conflicts.Conflict> blocking =
        answer.conflicts().stream()
            .filter(conflict -> conflict.kind() == Conflicts.Kind.FREEZE_BLOCK)
            .toList();
    String freezes =
        blocking.stream()
            .map(
                conflict ->
                    "\"%s\" (%s)"
                        .formatted(
                            conflict.freeze(), conflicts.window(conflict.start(), conflict.end())))
            .distinct()
            .collect(Collectors.joining(", "));
    if (scheduling && request.has(BREAK_GLASS_JUSTIFICATION)) {
      request.set(BREAK_GLASS_REQUESTED, true);
      request.set(BREAK_GLASS_FREEZES, freezes);
      request.set(
          BREAK_GLASS_FREEZE_IDS,
          blocking.stream()
              .map(conflict -> String.valueOf(conflict.freezeId()))
              .distinct()
              .collect(Collectors.joining(",")));
      return;
    }
    Conflicts.Slot slot = answer.nextFreeSlot();
    problems.add(
        "The %s falls into the freeze %s, which blocks deployments to %s; choose another window%s%s."
            .formatted(
                what,
                freezes,
                environment,
                slot == null
                    ? ""
                    : " (the next free one of the same length: "
                        + conflicts.window(slot.start(), slot.end())
                        + ")",
                scheduling
                    ? ", or give a break-glass justification to ask a second DevSecOps member to"
                        + " approve this window in the freeze"
                    : ""));
  }
}
