package in.bontonsoftwares.deploymentrequest.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.checklist.ChecklistService;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties.Item;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The forms as the engine deploys them and the app configures them: every form the model names is
 * in the deployment, and the checklist forms offer every configured item. The model itself is
 * tested without the app in {@link ProcessModelTest}.
 */
class DeployedFormsTest extends ProcessTestSupport {

  private BpmnModelInstance model;
  private ProcessDefinition definition;

  @BeforeEach
  void loadDeployedModel() {
    definition =
        repositoryService
            .createProcessDefinitionQuery()
            .processDefinitionKey(DeploymentRequestProcess.KEY)
            .latestVersion()
            .singleResult();
    model = repositoryService.getBpmnModelInstance(definition.getId());
  }

  @Test
  void shouldDeployEveryFormThatTheModelReferences() {
    Set<String> referenced = new HashSet<>();
    model
        .getModelElementsByType(UserTask.class)
        .forEach(task -> referenced.add(task.getCamundaFormRef()));
    model.getModelElementsByType(StartEvent.class).stream()
        .filter(start -> start.getCamundaFormRef() != null)
        .forEach(start -> referenced.add(start.getCamundaFormRef()));
    Set<String> deployedFormIds = new HashSet<>();
    for (Resource resource :
        repositoryService.getDeploymentResources(definition.getDeploymentId())) {
      if (resource.getName().endsWith(".form")) {
        deployedFormIds.add(formJson(resource).get("id").asText());
      }
    }

    assertThat(referenced)
        .doesNotContainNull()
        .hasSize(model.getModelElementsByType(UserTask.class).size() + 1);
    assertThat(deployedFormIds).containsAll(referenced);
    // and the engine resolves each of them, as Tasklist will
    assertThat(formService.getDeployedStartForm(definition.getId())).isNotNull();
    assertThat(definition.getHistoryTimeToLive()).isNotNull();
  }

  @Test
  void shouldOfferEveryConfiguredChecklistItemInTheChecklistForms() throws Exception {
    for (String formFile :
        List.of(
            "start-deployment-request", "complete-checklist", "amend-request", "review-request")) {
      Set<String> keys = new HashSet<>();
      try (InputStream in = getClass().getResourceAsStream("/forms/" + formFile + ".form")) {
        collectKeys(new ObjectMapper().readTree(in), keys);
      }
      for (Item item : properties.checklist().items()) {
        assertThat(keys)
            .as(formFile)
            .contains(
                ChecklistService.answerVariable(item), ChecklistService.evidenceVariable(item));
      }
    }
  }

  private JsonNode formJson(Resource resource) {
    try (InputStream in =
        repositoryService.getResourceAsStream(definition.getDeploymentId(), resource.getName())) {
      return new ObjectMapper().readTree(in);
    } catch (Exception e) {
      throw new AssertionError("Unreadable form " + resource.getName(), e);
    }
  }

  private static void collectKeys(JsonNode node, Set<String> keys) {
    if (node.has("key")) {
      keys.add(node.get("key").asText());
    }
    node.forEach(child -> collectKeys(child, keys));
  }
}
