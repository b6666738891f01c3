package in.bontonsoftwares.deploymentrequest.archive;

import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Outcome;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The archive tasks before the mails that end a request: every request ends with an archived
 * record, withdrawn, rejected, deployed or rolled back. The task's {@code recordOutcome} input
 * names the outcome ({@code WITHDRAWN}, {@code REJECTED}); without it the outcome is the one
 * documented ({@code deploymentOutcome}: deployed or rolled back). Archiving is write-once, so a
 * job that runs again finds the record it archived.
 */
@Component("archiveRecord")
class ArchiveRecordDelegate implements JavaDelegate {

  static final String OUTCOME_INPUT = "recordOutcome";

  private final RecordArchive archive;

  ArchiveRecordDelegate(RecordArchive archive) {
    this.archive = archive;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ProcessVariables variables = ProcessVariables.of(execution);
    archive.archive(execution.getProcessInstanceId(), variables, outcome(execution, variables));
  }

  private static Outcome outcome(DelegateExecution execution, ProcessVariables variables) {
    Object input = execution.getVariableLocal(OUTCOME_INPUT);
    if (input != null) {
      return Outcome.valueOf((String) input);
    }
    return Value.ROLLED_BACK.equals(variables.string(Var.DEPLOYMENT_OUTCOME))
        ? Outcome.ROLLED_BACK
        : Outcome.DEPLOYED;
  }
}
