package in.bontonsoftwares.deploymentrequest.verification;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.Variable;
import in.bontonsoftwares.deploymentrequest.request.CompletionCheck;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;

/**
 * The rule of the three verification tasks: a failed check needs notes that say what failed, and
 * the notes must fit.
 */
abstract class CheckNotes extends CompletionCheck {

  private final Variable<String> notes;
  private final String label;

  CheckNotes(RequestValidator validator, Variable<String> notes, String label) {
    super(validator);
    this.notes = notes;
    this.label = label;
  }

  /** Whether every check of the task passed. */
  abstract boolean passed(ProcessVariables v);

  @Override
  protected void check(ProcessVariables v, Problems problems) {
    if (!passed(v) && v.get(notes) == null) {
      problems.add(label + " are required when a check failed: say what failed.");
    }
    validator.lengths(v, problems, notes);
  }
}
