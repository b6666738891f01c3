package in.bontonsoftwares.deploymentrequest.review;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.form.CamundaForms;
import in.bontonsoftwares.deploymentrequest.form.CamundaForms.FormField;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Component;

/**
 * The fields of a Camunda Form deployed with the process, with the labels people see: what the
 * revision comparison names and how it shows a select's value. Read from the process's own
 * deployment, so a request is compared with the labels of the forms it was started with.
 */
@Component
class FormFields {

  private final RepositoryService repositoryService;
  private final Map<String, List<FormField>> cache = new ConcurrentHashMap<>();

  FormFields(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  /** The keyed fields of the form with {@code formId} in the deployment of the definition. */
  List<FormField> of(String processDefinitionId, String formId) {
    return cache.computeIfAbsent(
        processDefinitionId + "/" + formId, key -> read(processDefinitionId, formId));
  }

  private List<FormField> read(String processDefinitionId, String formId) {
    String deploymentId =
        repositoryService.getProcessDefinition(processDefinitionId).getDeploymentId();
    JsonNode form = CamundaForms.deployed(repositoryService, deploymentId).get(formId);
    if (form == null) {
      throw new IllegalStateException("No form " + formId + " in deployment " + deploymentId);
    }
    return CamundaForms.fields(form);
  }
}
