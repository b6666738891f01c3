package in.bontonsoftwares.deploymentrequest.security;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.form.CamundaForms;
import in.bontonsoftwares.deploymentrequest.form.CamundaForms.FormField;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;

/**
 * What a person may edit in each step, read from the forms deployed with the process: the fields of
 * the Camunda Form that the start event or user task references ({@code camunda:formRef}, binding
 * {@code deployment}). A field is editable unless it is read-only or disabled; text, images and
 * other components without a key are no fields. The forms are the one source: a field added to a
 * form may be sent, a field removed may not.
 */
final class StepForms {

  /** The fields of one step's form. */
  record Fields(Set<String> editable, Set<String> readOnly) {

    static final Fields NONE = new Fields(Set.of(), Set.of());
  }

  /** Where {@link #read} files the top-level start event's form, beside the elements' ids. */
  private static final String PROCESS_START = "#process-start";

  private final RepositoryService repositoryService;

  /** Per process definition (immutable once deployed): element id to its form's fields. */
  private final Map<String, Map<String, Fields>> byDefinition = new ConcurrentHashMap<>();

  StepForms(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  /**
   * The fields of the form of a start event or user task; {@link Fields#NONE} for an element
   * without one.
   */
  Fields of(String processDefinitionId, String elementId) {
    return byDefinition
        .computeIfAbsent(processDefinitionId, this::read)
        .getOrDefault(elementId, Fields.NONE);
  }

  /**
   * The fields of the process's start form: of its start event at the top level, not in a
   * sub-process.
   */
  Fields ofStart(String processDefinitionId) {
    return of(processDefinitionId, PROCESS_START);
  }

  private Map<String, Fields> read(String processDefinitionId) {
    String deploymentId =
        repositoryService.getProcessDefinition(processDefinitionId).getDeploymentId();
    Map<String, Fields> formsById = new HashMap<>();
    CamundaForms.deployed(repositoryService, deploymentId)
        .forEach((id, form) -> formsById.put(id, fields(form)));
    BpmnModelInstance model = repositoryService.getBpmnModelInstance(processDefinitionId);
    Map<String, Fields> byElement = new HashMap<>();
    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      String formRef = element.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "formRef");
      if (formRef != null) {
        Fields fields = formsById.get(formRef);
        if (fields == null) {
          throw new IllegalStateException(
              "Element "
                  + element.getId()
                  + " references the form "
                  + formRef
                  + ", which is not in deployment "
                  + deploymentId);
        }
        byElement.put(element.getId(), fields);
        if (element instanceof StartEvent && element.getParentElement() instanceof Process) {
          byElement.put(PROCESS_START, fields);
        }
      }
    }
    return Map.copyOf(byElement);
  }

  private static Fields fields(JsonNode form) {
    Set<String> editable = new LinkedHashSet<>();
    Set<String> readOnly = new LinkedHashSet<>();
    for (FormField field : CamundaForms.fields(form)) {
      if (field.holdsValue()) {
        (field.locked() ? readOnly : editable).add(field.key());
      }
    }
    return new Fields(Set.copyOf(editable), Set.copyOf(readOnly));
  }
}
