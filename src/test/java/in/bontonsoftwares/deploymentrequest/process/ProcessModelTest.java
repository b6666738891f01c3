package in.bontonsoftwares.deploymentrequest.process;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model as a newcomer, Camunda Modeler and Cockpit read it, parsed from the file without the
 * app: a complete diagram that reads left to right, meaningful ids, and every effect an element of
 * its own with a save point before it. What the engine deploys is tested in {@link
 * DeployedFormsTest}.
 */
class ProcessModelTest {

  /**
   * The widest diagram that a 2560-pixel screen still shows whole at a readable zoom (3/4); on a
   * 1920-pixel one Cockpit's diagram scrolls sideways.
   */
  private static final double MAX_DIAGRAM_WIDTH = 3400;

  private static final Set<String> WITHOUT_OUTSIDE_EFFECT =
      Set.of(
          "${checkChecklist}",
          "${evaluateVerification}",
          "${resetExecutionOutcome}",
          "${recordAutomaticVerification}");

  private static BpmnModelInstance model;

  @BeforeAll
  static void parseModel() throws Exception {
    model = parse(DeploymentRequestProcess.RESOURCE);
  }

  private static BpmnModelInstance parse(String resource) throws Exception {
    try (InputStream in = ProcessModelTest.class.getClassLoader().getResourceAsStream(resource)) {
      BpmnModelInstance parsed = Bpmn.readModelFromStream(in);
      Bpmn.validateModel(parsed);
      return parsed;
    }
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

  /**
   * No job of the request runs beside a person's open "Execute deployment": the health-check rounds
   * are a process of their own (a token beside the task made completions collide with them), so the
   * task's boundary events are the pipeline's three reports.
   */
  @Test
  void shouldCheckHealthDuringExecutionInAProcessOfItsOwn() throws Exception {
    assertThat(model.getModelElementsByType(BoundaryEvent.class))
        .filteredOn(event -> event.getAttachedTo().getId().equals(EXECUTE_DEPLOYMENT))
        .extracting(BaseElement::getId)
        .containsExactlyInAnyOrder(DEPLOYMENT_STARTED, DEPLOYMENT_SUCCEEDED, DEPLOYMENT_FAILED);
    BpmnModelInstance rounds = parse(ExecutionHealthChecksProcess.RESOURCE);
    ServiceTask round =
        rounds.getModelElementById(ExecutionHealthChecksProcess.CHECK_HEALTH_DURING_EXECUTION);
    assertThat(round.getCamundaDelegateExpression()).isEqualTo("${checkHealthDuringExecution}");
    assertThat(round.isCamundaAsyncBefore()).isTrue();
    Set<String> shaped = new HashSet<>();
    rounds
        .getModelElementsByType(BpmnShape.class)
        .forEach(shape -> shaped.add(shape.getBpmnElement().getId()));
    assertThat(ids(rounds.getModelElementsByType(FlowNode.class)))
        .hasSize(5)
        .allMatch(shaped::contains);
  }

  @Test
  void shouldLayOutTheDiagramWithoutOverlapsInsideItsLanesAndAScreenWide() {
    Map<String, Bounds> nodes = new HashMap<>();
    Map<String, Bounds> lanes = new HashMap<>();
    Bounds pool = null;
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      ModelElementInstance element = shape.getBpmnElement();
      if (element instanceof Lane) {
        lanes.put(((Lane) element).getId(), shape.getBounds());
      } else if (element instanceof FlowNode && !(element instanceof BoundaryEvent)) {
        nodes.put(((FlowNode) element).getId(), shape.getBounds());
      } else if (!(element instanceof BoundaryEvent)) {
        pool = shape.getBounds();
      }
    }

    assertThat(pool).isNotNull();
    assertThat(pool.getWidth()).as("diagram width").isLessThanOrEqualTo(MAX_DIAGRAM_WIDTH);
    List<String> ids = new ArrayList<>(nodes.keySet());
    for (int i = 0; i < ids.size(); i++) {
      for (int j = i + 1; j < ids.size(); j++) {
        assertThat(overlap(nodes.get(ids.get(i)), nodes.get(ids.get(j))))
            .as(ids.get(i) + " overlaps " + ids.get(j))
            .isFalse();
      }
    }
    assertThat(lanes.keySet())
        .containsExactlyInAnyOrder(
            "Lane_DevelopmentTeam", "Lane_DevSecOps", "Lane_Qa", "Lane_Automation");
    for (Lane lane : model.getModelElementsByType(Lane.class)) {
      Bounds area = lanes.get(lane.getId());
      for (FlowNode node : lane.getFlowNodeRefs()) {
        Bounds shape = nodes.get(node.getId());
        if (shape != null) {
          assertThat(inside(shape, area)).as(node.getId() + " in " + lane.getName()).isTrue();
        }
      }
    }
    // left to right: the request starts at the left edge and ends at the right one
    Bounds start = nodes.get("StartEvent_RequestSubmitted");
    assertThat(nodes.values()).allMatch(b -> b.getX() >= start.getX());
    assertThat(nodes.get(END_DEPLOYED).getX())
        .isGreaterThanOrEqualTo(
            nodes.values().stream().mapToDouble(Bounds::getX).max().orElseThrow());
  }

  @Test
  void shouldUseMeaningfulIdsAndNamesThatAgreeAndContainEveryElementTheCodeNames()
      throws Exception {
    List<String> ids = new ArrayList<>(ids(model.getModelElementsByType(FlowNode.class)));
    ids.addAll(ids(model.getModelElementsByType(SequenceFlow.class)));

    assertThat(ids)
        .allMatch(
            id ->
                id.matches(
                    "(StartEvent|Task|SubProcess|Gateway|BoundaryEvent|TimerEvent|EndEvent|Flow)_"
                        + "[A-Z][A-Za-z]+"),
            "ids with a type prefix and a name, no modeler defaults");
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (!(node instanceof Gateway)
          || (node instanceof ExclusiveGateway && node.getOutgoing().size() > 1)) {
        assertThat(node.getName()).as(node.getId() + " has a name").isNotBlank();
      }
    }
    // a mail task says that it sends, and what
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      if (task.getId().startsWith("Task_Send")) {
        assertThat(task.getName()).as(task.getId()).startsWith("Send ");
        assertThat(task.getCamundaDelegateExpression()).isIn("${sendMail}", "${submitRequest}");
      }
      if (task.getId().startsWith("Task_Archive")) {
        assertThat(task.getName()).as(task.getId()).startsWith("Archive ");
      }
    }
    for (Field field : DeploymentRequestProcess.Element.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        assertThat((Object) model.getModelElementById((String) field.get(null)))
            .as(field.getName())
            .isNotNull();
      }
    }
    Process process = model.getModelElementById(DeploymentRequestProcess.KEY);
    assertThat(process.getName()).isEqualTo("Deployment Request");
    assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
  }

  @Test
  void shouldCallSpringBeansFromServiceTasksAndSavePointsBeforeOutsideEffects() {
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      assertThat(task.getCamundaDelegateExpression()).as(task.getId()).matches("\\$\\{[a-zA-Z]+}");
      assertThat(task.getCamundaClass()).as(task.getId()).isNull();
      boolean outsideEffect = !WITHOUT_OUTSIDE_EFFECT.contains(task.getCamundaDelegateExpression());
      assertThat(task.isCamundaAsyncBefore())
          .as(task.getId() + " asyncBefore")
          .isEqualTo(outsideEffect);
      assertThat(executionListeners(task)).as(task.getId() + " does one thing").isEmpty();
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      Collection<CamundaTaskListener> listeners =
          task.getExtensionElements()
              .getElementsQuery()
              .filterByType(CamundaTaskListener.class)
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
  void shouldArchiveTheRecordInATaskOfItsOwnBeforeEachMailThatEndsARequest() {
    Map<String, String> outcomes =
        Map.of(
            SEND_WITHDRAWAL_EMAIL, "WITHDRAWN",
            SEND_REJECTION_EMAIL, "REJECTED",
            SEND_DOCUMENTATION_EMAIL, "");
    Map<String, String> archives =
        Map.of(
            SEND_WITHDRAWAL_EMAIL, ARCHIVE_WITHDRAWAL_RECORD,
            SEND_REJECTION_EMAIL, ARCHIVE_REJECTION_RECORD,
            SEND_DOCUMENTATION_EMAIL, ARCHIVE_DEPLOYMENT_RECORD);
    for (Map.Entry<String, String> mail : archives.entrySet()) {
      FlowNode sender = model.getModelElementById(mail.getKey());
      assertThat(sender.getPreviousNodes().list())
          .as("only the archive leads to " + mail.getKey())
          .extracting(BaseElement::getId)
          .containsExactly(mail.getValue());
      ServiceTask archive = model.getModelElementById(mail.getValue());
      assertThat(archive.getCamundaDelegateExpression()).isEqualTo("${archiveRecord}");
      assertThat(archive.isCamundaAsyncBefore()).isTrue();
      assertThat(input(archive, "recordOutcome")).isEqualTo(outcomes.get(mail.getKey()));
    }
    // every way to the end of a request passes an archive task; three ends close a side branch
    for (EndEvent end : model.getModelElementsByType(EndEvent.class)) {
      if (!List.of(END_ESCALATED, END_DEPLOYMENT_START_RECORDED, END_CONFIRMATION_SENT)
          .contains(end.getId())) {
        assertThat(reachableBackwardsWithout(end, "${archiveRecord}"))
            .as("a way to " + end.getId() + " without archiving")
            .noneMatch(node -> node.getId().equals("StartEvent_RequestSubmitted"));
      }
    }
  }

  @Test
  void shouldMoveTheChangeTicketInTasksOfTheirOwnAndCancelItOnlyAtTheProcessEnd() {
    assertThat(
            List.of(
                MARK_CHANGE_IN_PROGRESS,
                CLOSE_CHANGE_TICKET,
                MARK_CHANGE_ROLLED_BACK,
                RETURN_CHANGE_TO_SCHEDULED))
        .extracting(
            id -> ((ServiceTask) model.getModelElementById(id)).getName(),
            id -> input(model.getModelElementById(id), "changeStatus"),
            id -> ways(id),
            id -> next(id))
        .containsExactly(
            tuple(
                "Mark change in progress",
                "IN_PROGRESS",
                Set.of(WAIT_FOR_WINDOW),
                SEND_WINDOW_OPEN_EMAIL),
            tuple(
                "Close change ticket",
                "COMPLETED",
                Set.of("Gateway_VerificationPassed"),
                SEND_STATUS_EMAIL),
            tuple(
                "Mark change rolled back",
                "ROLLED_BACK",
                Set.of("Gateway_RolledBackAutomatically", ROLL_BACK_DEPLOYMENT),
                SEND_ROLLBACK_EMAIL),
            tuple(
                "Return change to scheduled",
                "SCHEDULED",
                // the execution's "reschedule", and a freeze declared over the window before it
                Set.of(GATEWAY_EXECUTION_OUTCOME, WINDOW_FROZEN),
                RESET_EXECUTION_OUTCOME));
    assertThat(next(RESET_EXECUTION_OUTCOME)).isEqualTo(SCHEDULE_DEPLOYMENT);
    assertThat(model.getModelElementsByType(ServiceTask.class))
        .filteredOn(task -> "${moveChangeTicket}".equals(task.getCamundaDelegateExpression()))
        .hasSize(4)
        .allMatch(ServiceTask::isCamundaAsyncBefore);
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      assertThat(executionListeners(flow)).as(flow.getId()).isEmpty();
    }
    Process process = model.getModelElementById(DeploymentRequestProcess.KEY);
    assertThat(executionListeners(process))
        .extracting(
            CamundaExecutionListener::getCamundaEvent,
            CamundaExecutionListener::getCamundaDelegateExpression)
        .containsExactly(tuple("end", "${cancelOpenChangeTicket}"));
  }

  /** Where the ways into a node come from. */
  private static Set<String> ways(String id) {
    return ((FlowNode) model.getModelElementById(id))
        .getPreviousNodes().list().stream().map(FlowNode::getId).collect(Collectors.toSet());
  }

  private static String next(String id) {
    List<FlowNode> next = ((FlowNode) model.getModelElementById(id)).getSucceedingNodes().list();
    assertThat(next).as("one way out of " + id).hasSize(1);
    return next.get(0).getId();
  }

  private static Set<FlowNode> reachableBackwardsWithout(FlowNode from, String delegate) {
    Set<FlowNode> seen = new HashSet<>();
    Deque<FlowNode> open = new ArrayDeque<>(List.of(from));
    while (!open.isEmpty()) {
      FlowNode node = open.pop();
      if (!seen.add(node)) {
        continue;
      }
      if (node instanceof ServiceTask task
          && delegate.equals(task.getCamundaDelegateExpression())) {
        continue;
      }
      node.getPreviousNodes().list().forEach(open::push);
      if (node instanceof BoundaryEvent boundary) {
        open.push(boundary.getAttachedTo());
      }
    }
    return seen;
  }

  private static String input(ModelElementInstance element, String name) {
    BaseElement base = (BaseElement) element;
    if (base.getExtensionElements() == null) {
      return "";
    }
    return base
        .getExtensionElements()
        .getElementsQuery()
        .filterByType(CamundaInputOutput.class)
        .list()
        .stream()
        .flatMap(io -> io.getCamundaInputParameters().stream())
        .filter(parameter -> name.equals(parameter.getCamundaName()))
        .map(CamundaInputParameter::getTextContent)
        .findFirst()
        .orElse("");
  }

  private static List<CamundaExecutionListener> executionListeners(BaseElement element) {
    return element.getExtensionElements() == null
        ? List.of()
        : element
            .getExtensionElements()
            .getElementsQuery()
            .filterByType(CamundaExecutionListener.class)
            .list();
  }

  private static boolean overlap(Bounds a, Bounds b) {
    return a.getX() < b.getX() + b.getWidth()
        && b.getX() < a.getX() + a.getWidth()
        && a.getY() < b.getY() + b.getHeight()
        && b.getY() < a.getY() + a.getHeight();
  }

  private static boolean inside(Bounds shape, Bounds area) {
    return shape.getX() >= area.getX()
        && shape.getY() >= area.getY()
        && shape.getX() + shape.getWidth() <= area.getX() + area.getWidth()
        && shape.getY() + shape.getHeight() <= area.getY() + area.getHeight();
  }

  private static List<String> ids(Collection<? extends BaseElement> elements) {
    return elements.stream().map(BaseElement::getId).toList();
  }
}
