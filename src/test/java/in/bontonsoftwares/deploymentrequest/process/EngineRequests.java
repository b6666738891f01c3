package in.bontonsoftwares.deploymentrequest.process;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static org.assertj.core.api.Assertions.assertThat;

import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Requests driven through the Java API as their people would (each step as its user, with their
 * groups), for tests that need a request at some state quickly: in review, scheduled and waiting
 * for its window, rejected with its record. Jobs are run by the test, the window's timer never.
 */
public final class EngineRequests {

  private final DeploymentRequestProperties properties;
  private final IdentityService identityService;
  private final RepositoryService repositoryService;
  private final FormService formService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final HistoryService historyService;

  public EngineRequests(
      DeploymentRequestProperties properties,
      IdentityService identityService,
      RepositoryService repositoryService,
      FormService formService,
      TaskService taskService,
      ManagementService managementService,
      HistoryService historyService) {
    this.properties = properties;
    this.identityService = identityService;
    this.repositoryService = repositoryService;
    this.formService = formService;
    this.taskService = taskService;
    this.managementService = managementService;
    this.historyService = historyService;
  }

  /** Requests on this engine's services. */
  public EngineRequests(DeploymentRequestProperties properties, ProcessEngine engine) {
    this(
        properties,
        engine.getIdentityService(),
        engine.getRepositoryService(),
        engine.getFormService(),
        engine.getTaskService(),
        engine.getManagementService(),
        engine.getHistoryService());
  }

  /** Over the services of {@code engine}: what a Spring test has at hand as one bean. */
  public static EngineRequests of(ProcessEngine engine, DeploymentRequestProperties properties) {
    return new EngineRequests(properties, engine);
  }

  /** A valid request of {@code user} for {@code project}, submitted and in review: its number. */
  public String inReview(String user, String project) {
    return inReview(user, Map.of(Var.PROJECT_NAME, project));
  }

  /** A valid request of {@code user} with these fields changed, in review: its number. */
  public String inReview(String user, Map<String, Object> changes) {
    String number = submitted(user, changes).getBusinessKey();
    runJobs(number);
    return number;
  }

  /**
   * A valid request of {@code user}, started through its start form as {@code user} (with their
   * groups), before any of its jobs ran.
   */
  public ProcessInstance submitted(String user) {
    return submitted(user, Map.of());
  }

  private ProcessInstance submitted(String user, Map<String, Object> changes) {
    Map<String, Object> request = TestRequests.validRequest(properties);
    request.putAll(changes);
    String definition =
        repositoryService
            .createProcessDefinitionQuery()
            .processDefinitionKey(DeploymentRequestProcess.KEY)
            .latestVersion()
            .singleResult()
            .getId();
    return as(user, () -> formService.submitStartForm(definition, request));
  }

  /** Approved by sofia and scheduled for a window that opens in two days: no open task. */
  public void scheduleForLater(String number) {
    approve(number);
    schedule(number, TestClock.now().plus(Duration.ofDays(2)));
  }

  /** Approved by sofia: "Schedule deployment" is open. */
  public void approve(String number) {
    complete(number, REVIEW_REQUEST, "sofia", TestRequests.review("approve", "Looks good"));
  }

  /** Scheduled by sofia for an hour from {@code opens}, its conflicts read: no open task. */
  public void schedule(String number, Instant opens) {
    schedule(number, opens, true);
  }

  /**
   * Scheduled by sofia for an hour from {@code opens}, ticking "Confirm despite these conflicts" or
   * not: no open task.
   */
  public void schedule(String number, Instant opens, boolean confirmDespiteConflicts) {
    Map<String, Object> schedule = new HashMap<>(TestRequests.scheduleNow());
    schedule.put(Var.CONFIRM_DESPITE_CONFLICTS, confirmDespiteConflicts);
    schedule.put(Var.CONFIRMED_WINDOW_START, WindowTime.store(opens));
    schedule.put(Var.CONFIRMED_WINDOW_END, WindowTime.store(opens.plus(Duration.ofHours(1))));
    complete(number, SCHEDULE_DEPLOYMENT, "sofia", schedule);
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(number).count())
        .as("open tasks of a request waiting for its window")
        .isZero();
  }

  /** Rejected by sofia: ended, its record archived and mailed (PDF attached) to the requester. */
  public void reject(String number) {
    complete(number, REVIEW_REQUEST, "sofia", TestRequests.review("reject", "Not in this quarter"));
  }

  private void complete(String number, String taskKey, String user, Map<String, Object> form) {
    Task task =
        taskService
            .createTaskQuery()
            .processInstanceBusinessKey(number)
            .taskDefinitionKey(taskKey)
            .singleResult();
    assertThat(task).as(taskKey + " of " + number).isNotNull();
    as(
        user,
        () -> {
          if (task.getAssignee() == null) {
            taskService.claim(task.getId(), user);
          }
          formService.submitTaskForm(task.getId(), form);
          return null;
        });
    runJobs(number);
  }

  private <T> T as(String user, Supplier<T> action) {
    List<String> groups =
        identityService.createGroupQuery().groupMember(user).list().stream()
            .map(Group::getId)
            .toList();
    identityService.setAuthentication(user, groups);
    try {
      return action.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  private void as(String user, Runnable action) {
    as(
        user,
        () -> {
          action.run();
          return null;
        });
  }

  /** Runs the request's due jobs, never the window's timer, until none is left. */
  private void runJobs(String number) {
    String instance =
        historyService
            .createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(number)
            .singleResult()
            .getId();
    for (int round = 0; round < 50; round++) {
      List<Job> due =
          managementService
              .createJobQuery()
              .processInstanceId(instance)
              .executable()
              .list()
              .stream()
              .filter(job -> !(job.getDuedate() != null && isWindowTimer(job)))
              .toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
    throw new IllegalStateException("Jobs keep coming for " + number);
  }

  private boolean isWindowTimer(Job job) {
    return TIMER_WINDOW_OPENS.equals(
        managementService
            .createJobDefinitionQuery()
            .jobDefinitionId(job.getJobDefinitionId())
            .singleResult()
            .getActivityId());
  }
}
