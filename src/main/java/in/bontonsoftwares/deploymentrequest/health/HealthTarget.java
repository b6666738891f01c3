package in.bontonsoftwares.deploymentrequest.health;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;

/**
 * What the checks of a request need from it: its environment, application, version and health-check
 * URL, read from the engine's history (so also of a request that has ended).
 */
record HealthTarget(
    String requestNumber,
    String environment,
    String application,
    String version,
    String healthCheckUrl) {

  static HealthTarget read(HistoryService history, String requestNumber) {
    HistoricProcessInstance instance =
        history
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(DeploymentRequestProcess.KEY)
            .processInstanceBusinessKey(requestNumber)
            .singleResult();
    if (instance == null) {
      throw new NoSuchElementException("No deployment request " + requestNumber);
    }
    Map<String, Object> values = new HashMap<>();
    for (HistoricVariableInstance variable :
        history
            .createHistoricVariableInstanceQuery()
            .processInstanceIdIn(instance.getId())
            .variableNameIn(
                Data.ENVIRONMENT.name(),
                Data.APPLICATION_NAME.name(),
                Data.VERSION.name(),
                Data.HEALTH_CHECK_URL.name())
            .list()) {
      if (variable.getActivityInstanceId() == null
          || variable.getActivityInstanceId().equals(instance.getId())) {
        values.put(variable.getName(), variable.getValue());
      }
    }
    ProcessVariables variables = ProcessVariables.of(values);
    return new HealthTarget(
        requestNumber,
        variables.text(Data.ENVIRONMENT),
        variables.text(Data.APPLICATION_NAME),
        variables.text(Data.VERSION),
        variables.text(Data.HEALTH_CHECK_URL));
  }
}
