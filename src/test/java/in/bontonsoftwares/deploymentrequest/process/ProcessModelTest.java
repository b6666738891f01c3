package in.bontonsoftwares.deploymentrequest.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.checklist.ChecklistService;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties.Item;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployed model as a newcomer and Cockpit see it: complete diagram, meaningful ids, forms that
 * resolve.
 */
class ProcessModelTest extends ProcessTestSupport {

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
  void shouldDrawAShapeForEveryFlowNodeAndAnEdgeForEveryFlow() {
    Set<String> shaped = new HashSet<>();
    model
        .getModelElementsByType(BpmnShape.class)
        .forEach(shape -> shaped.add(shape.getBpmnElement().getId()));
    Set<String> edged = new HashSet<>();
    model
        .getModelElementsByType(BpmnEdge.class)
        .forEach(edge -> edged.add(edge.getBpmnElement().getId()));

    assertThat(ids(model.getModelElementsByType(FlowNode.class)))
        .isNotEmpty()
        .allMatch(shaped::contains);
    assertThat(ids(model.getModelElementsByType(SequenceFlow.class)))
        .isNotEmpty()
        .allMatch(edged::contains);
    model
        .getModelElementsByType(BpmnEdge.class)
        .forEach(edge -> assertThat(edge.getWaypoints()).hasSizeGreaterThan(1));
  }

  @Test
  void shouldUseMeaningfulIdsAndContainEveryElementTheCodeNames() throws Exception {
    List<String> ids = new ArrayList<>(ids(model.getModelElementsByType(FlowNode.class)));
    ids.addAll(ids(model.getModelElementsByType(SequenceFlow.class)));

    assertThat(ids)
        .allMatch(
            id ->
                id.matches(
                    "(StartEvent|Task|Gateway|BoundaryEvent|TimerEvent|EndEvent|Flow)_"
                        + "[A-Z][A-Za-z]+"),
            "ids with a type prefix and a name, no modeler defaults");
    for (Field field : DeploymentRequestProcess.Element.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        assertThat((Object) model.getModelElementById((String) field.get(null)))
            .as(field.getName())
            .isNotNull();
      }
    }
    Process process = model.getModelElementById(DeploymentRequestProcess.KEY);
    assertThat(process.getName()).isEqualTo("Deployment Request");
    assertThat(definition.getHistoryTimeToLive()).isNotNull();
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
  }

  @Test
  void shouldCallSpringBeansFromServiceTasksAndSavePointsBeforeOutsideEffects() {
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      assertThat(task.getCamundaDelegateExpression()).as(task.getId()).matches("\\$\\{[a-zA-Z]+}");
      assertThat(task.getCamundaClass()).as(task.getId()).isNull();
      boolean outsideEffect =
          !task.getCamundaDelegateExpression()
              .matches("\\$\\{(checkChecklist|evaluateVerification)}");
      assertThat(task.isCamundaAsyncBefore())
          .as(task.getId() + " asyncBefore")
          .isEqualTo(outsideEffect);
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      Collection<CamundaTaskListener> listeners =
          task.getExtensionElements()
              .getElementsQuery()
              .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener.class)
              .list();
      // each task's completion checks are a listener of that task's feature
      // (SeparationOfDutiesModelTest)
      assertThat(listeners)
          .as(task.getId())
          .anyMatch(
              listener ->
                  "complete".equals(listener.getCamundaEvent())
                      && listener
                          .getCamundaDelegateExpression()
                          .matches("\\$\\{[a-zA-Z]+Listener}"));
    }
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

  private static List<String> ids(Collection<? extends BaseElement> elements) {
    return elements.stream().map(BaseElement::getId).toList();
  }
}
