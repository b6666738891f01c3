package in.bontonsoftwares.deploymentrequest.checklist;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.CHECKLIST_COMPLETE;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.CHECKLIST_MISSING;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ENVIRONMENT;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties.Item;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Check pre-deployment checklist": records whether the checklist is complete and, if not, what is
 * missing.
 */
@Component("checkChecklist")
class CheckChecklistDelegate implements JavaDelegate {

  private final ChecklistService checklist;

  CheckChecklistDelegate(ChecklistService checklist) {
    this.checklist = checklist;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ProcessVariables variables = ProcessVariables.of(execution);
    List<Item> missing = checklist.missing(variables.get(ENVIRONMENT), variables);
    variables.set(CHECKLIST_COMPLETE, missing.isEmpty());
    variables.set(
        CHECKLIST_MISSING,
        missing.stream().map(item -> "- " + item.text()).collect(Collectors.joining("\n")));
  }
}
