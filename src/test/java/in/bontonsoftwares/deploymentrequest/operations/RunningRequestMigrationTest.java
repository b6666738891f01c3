package in.bontonsoftwares.deploymentrequest.operations;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.EXECUTE_DEPLOYMENT;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.REVIEW_REQUEST;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.SCHEDULE_DEPLOYMENT;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.TIMER_WINDOW_OPENS;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.WAIT_FOR_WINDOW;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.CONFIRMED_WINDOW_END;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.CONFIRMED_WINDOW_END_AT;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.CONFIRMED_WINDOW_START;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.CONFIRMED_WINDOW_START_AT;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.DEPLOYMENT_STARTED_AT;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.ENVIRONMENT;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.HEALTH_CHECK_URL;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.REQUEST_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.ExecutionHealthChecksProcess;
import in.bontonsoftwares.deploymentrequest.process.ProcessTestSupport;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Requests that an earlier release started go on after an upgrade: the model of wave 2 before issue
 * 13 called a task listener this release no longer has ({@code ${userTaskListener}}), so its
 * requests are moved onto the deployed model when the app starts; one waiting for its window moves
 * into the sub-process "Wait for the window" that this model put around the timer.
 *
 * <p>In a context of its own (a database of its own): the move takes every running request of an
 * earlier version, and must not take those of other tests.
 */
@TestPropertySource(
    properties = {
      "test.context=running-request-migration",
      "deployment-request.health.environments.development.request-check=true"
    })
@DirtiesContext
class RunningRequestMigrationTest extends ProcessTestSupport {

  /** The model as the release before this one deployed it (bpmn/ at commit eb3396c). */
  private static final String EARLIER_MODEL = "upgrade/DeploymentRequestProcess-0.1-wave2.bpmn";

  /**
   * Issue 17's first model (bpmn/ at commit c039030), which checked health on a timer beside
   * "Execute deployment"; its timer's cycle expression, whose bean method is gone, is written as a
   * value ({@code R5/PT30S}), as the engine stored it in the timer's job.
   */
  private static final String MODEL_WITH_ROUNDS_BESIDE_THE_TASK =
      "upgrade/DeploymentRequestProcess-0.2-issue17.bpmn";

  /** The round beside the task in issue 17's first model. */
  private static final String OLD_ROUND = "Task_CheckHealthDuringExecution";

  @Autowired RunningRequestMigration migration;

  private final List<String> deployments = new ArrayList<>();

  @AfterEach
  void removeTheVersionsOfThisTest() {
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  @Test
  void shouldMoveRequestsOfAnEarlierModelOntoTheDeployedOneWhenTheAppStarts() {
    // given a request of the earlier release waiting for its review, one waiting for its window
    ProcessDefinition earlier = deploy(EARLIER_MODEL);
    ProcessInstance inReview = submit("dana", validRequest());
    runDueJobs(inReview);
    assertThat(inReview).isWaitingAt(REVIEW_REQUEST);
    Task review = task(inReview, REVIEW_REQUEST);
    Map<String, Object> scheduled = new HashMap<>(validRequest());
    scheduled.put(REQUEST_NUMBER, "DR-2030-0001");
    scheduled.put(CONFIRMED_WINDOW_START, "2030-01-07T21:00Z");
    scheduled.put(CONFIRMED_WINDOW_END, "2030-01-07T22:00Z");
    ProcessInstance waiting =
        runtimeService
            .createProcessInstanceById(earlier.getId())
            .businessKey("DR-2030-0001")
            .startBeforeActivity(TIMER_WINDOW_OPENS)
            .setVariables(scheduled)
            .execute();
    Job timer =
        managementService.createJobQuery().processInstanceId(waiting.getId()).singleResult();
    // and this release's model deployed over it
    ProcessDefinition deployed = deploy(DeploymentRequestProcess.RESOURCE);
    assertThat(
            catchThrowable(
                () ->
                    complete(
                        inReview, REVIEW_REQUEST, "sofia", TestRequests.review("approve", ""))))
        .as("the earlier model's review cannot be completed by this release")
        .hasMessageContaining("userTaskListener");

    // when the app starts
    long moved = migration.migrateToLatest();

    // then both requests are on the deployed model, where they were
    assertThat(moved).isEqualTo(2);
    assertThat(definitionOf(inReview)).isEqualTo(deployed.getId());
    assertThat(definitionOf(waiting)).isEqualTo(deployed.getId());
    assertThat(task(inReview, REVIEW_REQUEST).getId()).isEqualTo(review.getId());
    Job movedTimer =
        managementService.createJobQuery().processInstanceId(waiting.getId()).singleResult();
    assertThat(movedTimer.getId()).isEqualTo(timer.getId());
    assertThat(movedTimer.getDuedate()).isEqualTo(timer.getDuedate());
    // the earlier model waited at a timer of the process; this one waits inside "Wait for the
    // window", where a freeze declared over it can take it back to scheduling
    assertThat(
            runtimeService
                .getActivityInstance(waiting.getId())
                .getActivityInstances(WAIT_FOR_WINDOW)[0]
                .getChildActivityInstances())
        .singleElement()
        .satisfies(
            timerInstance ->
                assertThat(timerInstance.getActivityId()).isEqualTo(TIMER_WINDOW_OPENS));
    assertThat(
            runtimeService
                .createEventSubscriptionQuery()
                .processInstanceId(waiting.getId())
                .eventName(DeploymentRequestProcess.Message.WINDOW_FROZEN)
                .count())
        .isOne();
    // the window the earlier release kept as text now also reads as the dates this one uses
    assertThat(runtimeService.getVariable(waiting.getId(), CONFIRMED_WINDOW_START_AT))
        .isEqualTo(Date.from(Instant.parse("2030-01-07T21:00:00Z")));
    assertThat(runtimeService.getVariable(waiting.getId(), CONFIRMED_WINDOW_END_AT))
        .isEqualTo(Date.from(Instant.parse("2030-01-07T22:00:00Z")));
    // and the review goes on under this release's rules
    complete(inReview, REVIEW_REQUEST, "sofia", TestRequests.review("approve", ""));
    runDueJobs(inReview);
    assertThat(inReview).isWaitingAt(SCHEDULE_DEPLOYMENT);
    // a second start finds nothing left to move
    assertThat(migration.migrateToLatest()).isZero();
  }

  @Test
  void shouldEndTheRoundBesideTheTaskAndStartTheHealthChecksOfADeploymentUnderWay() {
    // given a request of issue 17's first model at "Execute deployment", its deployment started,
    // with a round of its checks beside the task due
    ProcessDefinition earlier = deploy(MODEL_WITH_ROUNDS_BESIDE_THE_TASK);
    Map<String, Object> deploying = new HashMap<>(validRequest());
    deploying.put(REQUEST_NUMBER, "DR-2030-0002");
    deploying.put(ENVIRONMENT, "development");
    deploying.put(HEALTH_CHECK_URL, "http://localhost:9/health");
    deploying.put(DEPLOYMENT_STARTED_AT, new Date());
    ProcessInstance request =
        runtimeService
            .createProcessInstanceById(earlier.getId())
            .businessKey("DR-2030-0002")
            .startBeforeActivity(EXECUTE_DEPLOYMENT)
            .startBeforeActivity(OLD_ROUND)
            .setVariables(deploying)
            .execute();
    assertThat(request).isWaitingAt(EXECUTE_DEPLOYMENT, OLD_ROUND);
    Task task = task(request, EXECUTE_DEPLOYMENT);
    ProcessDefinition deployed = deploy(DeploymentRequestProcess.RESOURCE);

    // when the app starts
    assertThat(migration.migrateToLatest()).isOne();

    // then the request waits at its task on the deployed model, with nothing of the old rounds
    assertThat(definitionOf(request)).isEqualTo(deployed.getId());
    assertThat(request).isWaitingAt(EXECUTE_DEPLOYMENT);
    assertThat(task(request, EXECUTE_DEPLOYMENT).getId()).isEqualTo(task.getId());
    assertThat(managementService.createJobQuery().processInstanceId(request.getId()).list())
        .as("no timer, no round of the request itself")
        .isEmpty();
    // and its health checks during execution run in their own process, for that task
    ProcessInstance rounds =
        runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey(ExecutionHealthChecksProcess.KEY)
            .processInstanceBusinessKey(ExecutionHealthChecksProcess.businessKey("DR-2030-0002"))
            .singleResult();
    assertThat(rounds).isNotNull();
    assertThat(
            runtimeService.getVariable(
                rounds.getId(), ExecutionHealthChecksProcess.DEPLOYMENT_TASK_ID.name()))
        .isEqualTo(task.getId());
    assertThat(rounds).isWaitingAt(ExecutionHealthChecksProcess.CHECK_HEALTH_DURING_EXECUTION);
    runtimeService.deleteProcessInstance(rounds.getId(), "test over");
  }

  private String definitionOf(ProcessInstance instance) {
    return runtimeService
        .createProcessInstanceQuery()
        .processInstanceId(instance.getId())
        .singleResult()
        .getProcessDefinitionId();
  }

  /** A new version of the process, deployed with the forms as the app deploys them. */
  private ProcessDefinition deploy(String model) {
    DeploymentBuilder deployment =
        repositoryService
            .createDeployment()
            .name("RunningRequestMigrationTest")
            .addClasspathResource(model);
    try {
      for (Resource form :
          new PathMatchingResourcePatternResolver().getResources("classpath:forms/*.form")) {
        deployment.addInputStream("forms/" + form.getFilename(), form.getInputStream());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String id = deployment.deploy().getId();
    deployments.add(id);
    return repositoryService.createProcessDefinitionQuery().deploymentId(id).singleResult();
  }
}
