package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.DEPLOYMENT_REPORTED_BY;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.DEPLOYMENT_STARTED;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REQUEST_NUMBER;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Record deployment start", after "Pipeline reports start": notes on the change ticket (already in
 * progress since the window opened) who started the deployment, from which run.
 */
@Component("recordDeploymentStart")
class RecordDeploymentStartDelegate implements JavaDelegate {

  private final ChangeTicketService tickets;

  RecordDeploymentStartDelegate(ChangeTicketService tickets) {
    this.tickets = tickets;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ProcessVariables v = ProcessVariables.of(execution);
    tickets.note(v.text(REQUEST_NUMBER), v.get(DEPLOYMENT_REPORTED_BY), v.get(DEPLOYMENT_STARTED));
  }
}
