package in.bontonsoftwares.deploymentrequest.operations;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.CONFIRMED_WINDOW;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.PREFERRED_WINDOW;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.health.ExecutionHealthChecksStarter;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.Variable;
import in.bontonsoftwares.deploymentrequest.process.WindowVariables;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationInstructionsBuilder;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Moves the requests still running on an earlier version of the process model onto the version this
 * release deployed, at start-up and before the job executor starts: an earlier model may call beans
 * that this release no longer has, so its requests would be stuck at their next step. Every
 * activity keeps its id across versions, so each request waits at the same task, job or timer as
 * before (a timer keeps its due date), with all its variables and history; the one move between
 * scopes is mapped explicitly: a request of a model before issue 16 part 4 waits for its window at
 * a timer of the process itself, which now lies inside "Wait for the window" (the engine creates
 * that sub-process around it). Windows that an earlier release kept only as text get the dates this
 * release reads. A request that cannot be migrated stays where it is and is named in the log.
 */
@Component
public class RunningRequestMigration implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(RunningRequestMigration.class);

  /** The elements of issue 17's first model that ran a health round beside "Execute deployment". */
  private static final List<String> ROUNDS_BESIDE_THE_TASK =
      List.of("Task_CheckHealthDuringExecution", "EndEvent_HealthChecked");

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final DeploymentRequestProperties properties;
  private final ExecutionHealthChecksStarter healthChecks;

  RunningRequestMigration(
      RepositoryService repositoryService,
      RuntimeService runtimeService,
      DeploymentRequestProperties properties,
      ExecutionHealthChecksStarter healthChecks) {
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.properties = properties;
    this.healthChecks = healthChecks;
  }

  /** Once the engine is built and this release's model deployed, before the app takes calls. */
  @Override
  public void afterSingletonsInstantiated() {
    migrateToLatest();
  }

  /** Migrates every running request of an earlier version; answers how many moved. */
  public long migrateToLatest() {
    ProcessDefinition latest =
        repositoryService
            .createProcessDefinitionQuery()
            .processDefinitionKey(DeploymentRequestProcess.KEY)
            .latestVersion()
            .singleResult();
    if (latest == null) {
      return 0;
    }
    long migrated = 0;
    for (ProcessDefinition earlier :
        repositoryService
            .createProcessDefinitionQuery()
            .processDefinitionKey(DeploymentRequestProcess.KEY)
            .list()) {
      if (earlier.getVersion() < latest.getVersion()) {
        migrated += migrate(earlier, latest);
      }
    }
    return migrated;
  }

  private long migrate(ProcessDefinition earlier, ProcessDefinition latest) {
    List<ProcessInstance> running =
        runtimeService.createProcessInstanceQuery().processDefinitionId(earlier.getId()).list();
    if (running.isEmpty()) {
      return 0;
    }
    List<String> ids = running.stream().map(ProcessInstance::getId).toList();
    try {
      ids.forEach(this::storeWindowDates);
      ids.forEach(this::endHealthRoundBesideTheTask);
      MigrationInstructionsBuilder instructions =
          runtimeService.createMigrationPlan(earlier.getId(), latest.getId()).mapEqualActivities();
      if (waitsForTheWindowOutsideItsSubProcess(earlier)) {
        instructions.mapActivities(Element.TIMER_WINDOW_OPENS, Element.TIMER_WINDOW_OPENS);
      }
      MigrationPlan plan = instructions.build();
      runtimeService.newMigration(plan).processInstanceIds(ids).execute();
      if (checkedHealthBesideTheTask(earlier)) {
        ids.forEach(healthChecks::startFor);
      }
      LOG.info(
          "Moved {} running request(s) from version {} to version {} of the process: {}",
          ids.size(),
          earlier.getVersion(),
          latest.getVersion(),
          businessKeys(running));
      return ids.size();
    } catch (ProcessEngineException e) {
      // another node may have moved them a moment before; otherwise an admin must look
      LOG.error(
          "Could not move the running request(s) {} from version {} to version {} of the process;"
              + " they stay on version {}: {}",
          businessKeys(running),
          earlier.getVersion(),
          latest.getVersion(),
          earlier.getVersion(),
          e.getMessage());
      return 0;
    }
  }

  /**
   * A model of issue 17's first version checked health during execution on a timer beside "Execute
   * deployment"; its round due at the moment is ended, the process "Health checks during execution"
   * takes over once migrated.
   */
  private void endHealthRoundBesideTheTask(String processInstanceId) {
    for (String round : ROUNDS_BESIDE_THE_TASK) {
      if (runtimeService
              .createExecutionQuery()
              .processInstanceId(processInstanceId)
              .activityId(round)
              .count()
          > 0) {
        runtimeService
            .createProcessInstanceModification(processInstanceId)
            .cancelAllForActivity(round)
            .execute(true, true);
      }
    }
  }

  private boolean checkedHealthBesideTheTask(ProcessDefinition earlier) {
    return repositoryService
            .getBpmnModelInstance(earlier.getId())
            .getModelElementById(ROUNDS_BESIDE_THE_TASK.get(0))
        != null;
  }

  private boolean waitsForTheWindowOutsideItsSubProcess(ProcessDefinition earlier) {
    BpmnModelInstance model = repositoryService.getBpmnModelInstance(earlier.getId());
    return model.getModelElementById(Element.TIMER_WINDOW_OPENS) != null
        && model.getModelElementById(Element.WAIT_FOR_WINDOW) == null;
  }

  private void storeWindowDates(String processInstanceId) {
    for (WindowVariables window : List.of(PREFERRED_WINDOW, CONFIRMED_WINDOW)) {
      storeDate(processInstanceId, window.startText(), window.start());
      storeDate(processInstanceId, window.endText(), window.end());
    }
  }

  private void storeDate(String processInstanceId, Variable<String> text, Variable<Date> date) {
    String value = text.read(runtimeService.getVariable(processInstanceId, text.name()));
    if (value == null || runtimeService.getVariable(processInstanceId, date.name()) != null) {
      return;
    }
    try {
      runtimeService.setVariable(
          processInstanceId,
          date.name(),
          Date.from(WindowTime.stored(WindowTime.parse(value, properties.timeZone()))));
    } catch (IllegalArgumentException unreadable) {
      LOG.warn(
          "Request {}: {} '{}' does not read as a date; left without {}",
          processInstanceId,
          text.name(),
          value,
          date.name());
    }
  }

  private static List<String> businessKeys(List<ProcessInstance> instances) {
    return instances.stream().map(ProcessInstance::getBusinessKey).toList();
  }
}
