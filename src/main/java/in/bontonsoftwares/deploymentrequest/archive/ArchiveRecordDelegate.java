package in.bontonsoftwares.deploymentrequest.archive;

import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Outcome;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.Variable;
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

  static final Variable<String> OUTCOME_INPUT = Variable.text("recordOutcome");

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
    String input = OUTCOME_INPUT.fromLocal(execution);
    if (input != null) {
      return Outcome.valueOf(input);
    }
    return Value.ROLLED_BACK.equals(variables.get(Data.DEPLOYMENT_OUTCOME))
        ? Outcome.ROLLED_BACK
        : Outcome.DEPLOYED;
  }
}
