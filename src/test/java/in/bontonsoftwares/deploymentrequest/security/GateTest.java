package in.bontonsoftwares.deploymentrequest.security;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static in.bontonsoftwares.deploymentrequest.process.TestRequests.restVariables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ExecutionHealthChecksProcess;
import in.bontonsoftwares.deploymentrequest.process.ProcessTestSupport;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A requester who attacks their own request, and colleagues who try the engine's side doors, over
 * the engine's REST API, the webapps' API and the Java API. Each test asserts the refusal and that
 * nothing changed; the normal path of the same step still works.
 */
@WebAppTest
class GateTest extends ProcessTestSupport {

  /** The requester of the requests here, in {@code developers}. */
  private static final String DANA = "dana";

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  @Test
  void shouldRefuseAnotherStepsVerdictSentWithTheRequestersSmokeTests() {
    // given a request in verification where QA found a failure
    ProcessInstance request = inVerification();
    complete(
        request,
        VALIDATE_QA,
        "quinn",
        Map.of(QA_VALIDATION_PASSED, false, QA_NOTES, "Refund totals wrong"));
    Map<String, Object> before = runtimeService.getVariables(request.getId());
    Task smoke = task(request, RUN_SMOKE_TESTS);

    // when the requester completes their smoke tests and sends QA's verdict, the version and the
    // number along
    Map<String, Object> form =
        new HashMap<>(
            Map.of(
                SMOKE_TESTS_PASSED,
                true,
                SMOKE_TEST_NOTES,
                "ok",
                QA_VALIDATION_PASSED,
                true,
                VERSION,
                "9.9.9",
                ROLLBACK_PLAN,
                "none",
                REQUEST_NUMBER,
                "../../DR-2026-0001\r\nBcc: evil@example.com"));
    ResponseEntity<JsonNode> refused =
        as("dana")
            .postForEntity(
                "/engine-rest/task/{id}/submit-form",
                json(restVariables(form)),
                JsonNode.class,
                smoke.getId());

    // then it is refused, naming the fields, and nothing changed
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("message").asText())
        .contains("Run smoke tests", "qaValidationPassed, requestNumber, rollbackPlan, version");
    assertThat(runtimeService.getVariables(request.getId())).isEqualTo(before);
    assertThat(task(request, RUN_SMOKE_TESTS).getId()).isEqualTo(smoke.getId());

    // and the step's own fields still go through
    ResponseEntity<String> done =
        as("dana")
            .postForEntity(
                "/engine-rest/task/{id}/submit-form",
                json(restVariables(Map.of(SMOKE_TESTS_PASSED, true, SMOKE_TEST_NOTES, "42/42"))),
                String.class,
                smoke.getId());
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtimeService.getVariable(request.getId(), QA_VALIDATION_PASSED)).isEqualTo(false);
  }

  @Test
  void shouldRefuseVariablesSetOnTheRequestersOwnTaskOutsideItsForm() {
    ProcessInstance request = inVerification();
    Task smoke = task(request, RUN_SMOKE_TESTS);
    Map<String, Object> before = runtimeService.getVariables(request.getId());

    ResponseEntity<String> one =
        as("dana")
            .exchange(
                "/engine-rest/task/{id}/variables/{name}",
                HttpMethod.PUT,
                json(Map.of("value", true, "type", "Boolean")),
                String.class,
                smoke.getId(),
                QA_VALIDATION_PASSED);
    ResponseEntity<String> many =
        as("dana")
            .postForEntity(
                "/engine-rest/task/{id}/variables",
                json(
                    Map.of(
                        "modifications",
                        Map.of(DEPLOYMENT_OUTCOME, Map.of("value", "DEPLOYED")),
                        "deletions",
                        List.of(REQUESTER))),
                String.class,
                smoke.getId());
    ResponseEntity<String> removed =
        as("dana")
            .exchange(
                "/engine-rest/task/{id}/variables/{name}",
                HttpMethod.DELETE,
                null,
                String.class,
                smoke.getId(),
                REQUESTER);

    assertThat(List.of(one.getStatusCode(), many.getStatusCode(), removed.getStatusCode()))
        .containsOnly(HttpStatus.BAD_REQUEST);
    assertThat(many.getBody()).contains("deploymentOutcome, requester");
    assertThat(runtimeService.getVariables(request.getId())).isEqualTo(before);
    // even a field of the form: the engine lets an assignee set variables only by completing the
    // task
    assertThat(
            as("dana")
                .exchange(
                    "/engine-rest/task/{id}/variables/{name}",
                    HttpMethod.PUT,
                    json(Map.of("value", "half done", "type", "String")),
                    String.class,
                    smoke.getId(),
                    SMOKE_TEST_NOTES)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void shouldRefuseTheSameThroughTheWebappsApiAndTheJavaApi() throws Exception {
    ProcessInstance request = inVerification();
    Task smoke = task(request, RUN_SMOKE_TESTS);
    Map<String, Object> before = runtimeService.getVariables(request.getId());
    WebappSession tasklist = WebappSession.login(port, "dana", properties.demo().password());

    HttpResponse<String> webapp =
        tasklist.post(
            "/camunda/api/engine/engine/default/task/" + smoke.getId() + "/submit-form",
            "{\"variables\":{\"smokeTestsPassed\":{\"value\":true},"
                + "\"healthChecksPassed\":{\"value\":true}}}",
            true);
    signIn("dana");
    try {
      assertThatThrownBy(
              () ->
                  formService.submitTaskForm(
                      smoke.getId(),
                      Map.of(SMOKE_TESTS_PASSED, true, REVIEW_DECISION, Value.DECISION_APPROVE)))
          .hasMessageContaining("reviewDecision");
      assertThatThrownBy(
              () -> runtimeService.setVariable(request.getId(), DEPLOYMENT_OUTCOME, "DEPLOYED"))
          .isInstanceOf(AuthorizationException.class)
          .hasMessageContaining("administrators");
    } finally {
      identityService.clearAuthentication();
    }

    assertThat(webapp.statusCode()).isEqualTo(400);
    assertThat(webapp.body()).contains("healthChecksPassed").doesNotContain("at org.");
    assertThat(runtimeService.getVariables(request.getId())).isEqualTo(before);
  }

  @Test
  void shouldTakeTheRequesterFromTheSignInAndNothingElseAtTheStart() {
    long before = requests();
    Map<String, Object> impersonating = validRequest();
    impersonating.put(REQUESTER, "dev");
    Map<String, Object> bloated = validRequest();
    bloated.put("attachment", "x".repeat(375_000));
    Map<String, Object> numbered = validRequest();
    numbered.put(REQUEST_NUMBER, "DR-2026-0001");

    List<ResponseEntity<JsonNode>> refused =
        List.of(
            submitOverRest("dana", impersonating),
            submitOverRest("dana", bloated),
            submitOverRest("dana", numbered));

    assertThat(refused)
        .extracting(ResponseEntity::getStatusCode)
        .containsOnly(HttpStatus.BAD_REQUEST);
    assertThat(refused.get(0).getBody().get("message").asText())
        .contains("start form", "requester");
    assertThat(refused.get(1).getBody().get("message").asText()).contains("attachment");
    assertThat(requests()).isEqualTo(before);
    // the same form without the extras starts, with the signed-in user as requester
    ResponseEntity<JsonNode> started = submitOverRest("dana", validRequest());
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(runtimeService.getVariable(started.getBody().get("id").asText(), REQUESTER))
        .isEqualTo("dana");
  }

  @Test
  void shouldRefuseOversizedValuesInTheStepsOwnFields() {
    long before = requests();
    Map<String, Object> request = validRequest();
    request.put(CHANGE_DESCRIPTION, "x".repeat(4001));

    ResponseEntity<JsonNode> refused = submitOverRest("dana", request);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("message").asText()).contains("changeDescription is too long");
    assertThat(requests()).isEqualTo(before);
  }

  @Test
  void shouldNotLetADeveloperStartARequestAtAnActivityOrAnEndEvent() {
    long before = requests();
    long tickets = changeTickets();
    Map<String, Object> variables = restVariables(TestRequests.validRequest(properties));

    ResponseEntity<String> atScheduling =
        startAt("dana", SCHEDULE_DEPLOYMENT, variables, String.class);
    ResponseEntity<String> atRecord =
        startAt("dev", SEND_DOCUMENTATION_EMAIL, variables, String.class);
    ResponseEntity<String> atTheEnd = startAt("sofia", END_DEPLOYED, variables, String.class);

    assertThat(
            List.of(
                atScheduling.getStatusCode(), atRecord.getStatusCode(), atTheEnd.getStatusCode()))
        .containsOnly(HttpStatus.FORBIDDEN);
    assertThat(atScheduling.getBody()).contains("administrators").doesNotContain("at org.");
    assertThat(requests()).isEqualTo(before);
    assertThat(changeTickets()).isEqualTo(tickets);
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  /**
   * The health-check rounds may correlate {@code DeploymentFailed} to a request: nobody but the
   * engine starts them, or a developer could fail someone's deployment with forged variables.
   */
  @Test
  void shouldNotLetAnyoneStartTheHealthChecksOfADeploymentByHand() {
    long before = requests();
    Map<String, Object> forged =
        Map.of(
            "businessKey",
            "DR-2026-0001/execution",
            "variables",
            Map.of(
                "requestNumber", Map.of("value", "DR-2026-0001"),
                "requestProcessInstanceId", Map.of("value", "someone-elses-request"),
                "deploymentTaskId", Map.of("value", "their-task")));

    List<ResponseEntity<String>> answers = new ArrayList<>();
    for (String user : List.of("dana", "sam", "quinn", "cibot")) {
      for (Map<String, Object> body : List.of(forged, Map.<String, Object>of())) {
        answers.add(
            as(user)
                .postForEntity(
                    "/engine-rest/process-definition/key/{key}/start",
                    json(body),
                    String.class,
                    ExecutionHealthChecksProcess.KEY));
      }
    }

    // those who may not read the process do not learn it exists (404); DevSecOps, who watch it
    // in Cockpit, are refused the forged start field by field and the plain one by the engine
    assertThat(answers)
        .extracting(ResponseEntity::getStatusCode)
        .containsExactly(
            HttpStatus.NOT_FOUND,
            HttpStatus.NOT_FOUND,
            HttpStatus.BAD_REQUEST,
            HttpStatus.FORBIDDEN,
            HttpStatus.NOT_FOUND,
            HttpStatus.NOT_FOUND,
            HttpStatus.NOT_FOUND,
            HttpStatus.NOT_FOUND);
    assertThat(answers.get(2).getBody()).contains("not part of the start form");
    assertThat(answers)
        .extracting(ResponseEntity::getBody)
        .noneMatch(body -> body.contains("at org."));
    assertThat(requests()).isEqualTo(before);
    assertThat(
            repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey(ExecutionHealthChecksProcess.KEY)
                .latestVersion()
                .singleResult()
                .isStartableInTasklist())
        .isFalse();
  }

  @Test
  void shouldLeaveAJobAsItWasWhenRunningItByHandIsRefused() {
    // given a request waiting for its window, which opens tomorrow
    ProcessInstance request = submit(DANA, validRequest());
    runDueJobs(request);
    complete(
        request,
        REVIEW_REQUEST,
        "sofia",
        TestRequests.review(Value.DECISION_APPROVE, "Looks good"));
    runDueJobs(request);
    Map<String, Object> schedule = new HashMap<>(TestRequests.scheduleNow());
    Instant tomorrow = TestClock.now().plus(Duration.ofDays(1));
    schedule.put(CONFIRMED_WINDOW_START, WindowTime.store(tomorrow));
    schedule.put(CONFIRMED_WINDOW_END, WindowTime.store(tomorrow.plus(Duration.ofHours(1))));
    complete(request, SCHEDULE_DEPLOYMENT, "sofia", schedule);
    runDueJobs(request);
    Job timer =
        managementService
            .createJobQuery()
            .processInstanceId(request.getId())
            .timers()
            .singleResult();
    long logEntries =
        historyService.createUserOperationLogQuery().processInstanceId(request.getId()).count();

    // when the requester, QA and another developer try to run it, set its retries or move its due
    // date
    List<HttpStatus> answers = new java.util.ArrayList<>();
    for (String user : List.of(DANA, "quinn", "dev", DANA)) {
      answers.add(
          HttpStatus.valueOf(
              as(user)
                  .postForEntity("/engine-rest/job/{id}/execute", null, String.class, timer.getId())
                  .getStatusCode()
                  .value()));
    }
    answers.add(
        HttpStatus.valueOf(
            as("sofia")
                .exchange(
                    "/engine-rest/job/{id}/retries",
                    HttpMethod.PUT,
                    json(Map.of("retries", 0)),
                    String.class,
                    timer.getId())
                .getStatusCode()
                .value()));
    answers.add(
        HttpStatus.valueOf(
            as("sofia")
                .exchange(
                    "/engine-rest/job/{id}/duedate",
                    HttpMethod.PUT,
                    json(Map.of("duedate", "2020-01-01T00:00:00.000+0000")),
                    String.class,
                    timer.getId())
                .getStatusCode()
                .value()));

    // then every attempt is refused and the job is as it was: no retry used, same due date, no
    // incident
    assertThat(answers).containsOnly(HttpStatus.FORBIDDEN);
    Job after = managementService.createJobQuery().jobId(timer.getId()).singleResult();
    assertThat(after.getRetries()).isEqualTo(timer.getRetries());
    assertThat(after.getDuedate()).isEqualTo(timer.getDuedate());
    assertThat(after.getExceptionMessage()).isNull();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(request.getId()).count())
        .isZero();
    assertThat(
            historyService.createUserOperationLogQuery().processInstanceId(request.getId()).count())
        .isEqualTo(logEntries);
    assertThat(task(request, EXECUTE_DEPLOYMENT)).isNull();
    // an administrator may
    assertThat(
            as("admin")
                .postForEntity("/engine-rest/job/{id}/execute", null, String.class, timer.getId())
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    // the window opened: the ticket's move runs after its save point, then the execution is open
    assertThat(runtimeService.getActiveActivityIds(request.getId()))
        .containsExactly(MARK_CHANGE_IN_PROGRESS);
    runDueJobs(request);
    assertThat(task(request, EXECUTE_DEPLOYMENT)).isNotNull();
  }

  @Test
  void shouldNotLetDevSecOpsModifyOrRestartARequest() {
    ProcessInstance request = submit(DANA, validRequest());
    runDueJobs(request);
    List<String> waitingAt = runtimeService.getActiveActivityIds(request.getId());
    String definition = request.getProcessDefinitionId();

    ResponseEntity<String> modified =
        as("sofia")
            .postForEntity(
                "/engine-rest/process-instance/{id}/modification",
                json(
                    Map.of(
                        "skipCustomListeners",
                        true,
                        "instructions",
                        List.of(
                            Map.of(
                                "type",
                                "startBeforeActivity",
                                "activityId",
                                SCHEDULE_DEPLOYMENT)))),
                String.class,
                request.getId());
    ResponseEntity<String> moved =
        as("sofia")
            .postForEntity(
                "/engine-rest/process-instance/{id}/modification-async",
                json(
                    Map.of(
                        "instructions",
                        List.of(Map.of("type", "cancel", "activityId", REVIEW_REQUEST)))),
                String.class,
                request.getId());
    ResponseEntity<String> restarted =
        as("sofia")
            .postForEntity(
                "/engine-rest/process-definition/{id}/restart",
                json(
                    Map.of(
                        "processInstanceIds",
                        List.of(request.getId()),
                        "instructions",
                        List.of(
                            Map.of("type", "startBeforeActivity", "activityId", END_DEPLOYED)))),
                String.class,
                definition);
    ResponseEntity<String> variable =
        as("sofia")
            .exchange(
                "/engine-rest/process-instance/{id}/variables/{name}",
                HttpMethod.PUT,
                json(Map.of("value", "sofia", "type", "String")),
                String.class,
                request.getId(),
                REVIEWER);

    assertThat(
            List.of(
                modified.getStatusCode(),
                moved.getStatusCode(),
                restarted.getStatusCode(),
                variable.getStatusCode()))
        .containsOnly(HttpStatus.FORBIDDEN);
    assertThat(runtimeService.getActiveActivityIds(request.getId())).isEqualTo(waitingAt);
    assertThat(runtimeService.getVariable(request.getId(), REVIEWER)).isNull();
    assertThat(managementService.createBatchQuery().count()).isZero();
  }

  @Test
  void shouldAcceptReadOnlyContextSentBackUnchangedAndRefuseItChanged() {
    ProcessInstance request = submit(DANA, validRequest());
    runDueJobs(request);
    Task review = task(request, REVIEW_REQUEST);
    signIn("sofia");
    taskService.claim(review.getId(), "sofia");
    identityService.clearAuthentication();
    Map<String, Object> unchanged =
        new HashMap<>(TestRequests.review(Value.DECISION_APPROVE, "Looks good"));
    unchanged.put(PROJECT_NAME, "Payments");
    unchanged.put(VERSION, "2.4.1");
    Map<String, Object> changed = new HashMap<>(unchanged);
    changed.put(VERSION, "2.4.9");

    ResponseEntity<JsonNode> refused =
        as("sofia")
            .postForEntity(
                "/engine-rest/task/{id}/submit-form",
                json(restVariables(changed)),
                JsonNode.class,
                review.getId());
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("message").asText())
        .contains("version")
        .doesNotContain("projectName");
    assertThat(runtimeService.getVariable(request.getId(), VERSION)).isEqualTo("2.4.1");

    ResponseEntity<String> accepted =
        as("sofia")
            .postForEntity(
                "/engine-rest/task/{id}/submit-form",
                json(restVariables(unchanged)),
                String.class,
                review.getId());
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    // the context was not written again: its only update is the requester's, at the start
    assertThat(
            historyService
                .createHistoricDetailQuery()
                .processInstanceId(request.getId())
                .variableUpdates()
                .list())
        .filteredOn(
            detail ->
                VERSION.equals(
                    ((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail)
                        .getVariableName()))
        .hasSize(1);
  }

  /**
   * Every other engine resource that changes something, tried by the requester on their own request
   * in verification, by another developer and by QA: each is refused (by the engine's grants, or by
   * the gate where the grants would let it through) and the request is as it was. A task comment is
   * the one change Tasklist offers to whoever sees the task.
   */
  @Test
  void shouldRefuseTheRequesterEveryOtherDoorIntoTheirRequest() {
    ProcessInstance request = inVerification();
    Task smoke = task(request, RUN_SMOKE_TESTS);
    String task = "/engine-rest/task/" + smoke.getId();
    String instance = "/engine-rest/process-instance/" + request.getId();
    String job =
        managementService
            .createJobDefinitionQuery()
            .processDefinitionId(request.getProcessDefinitionId())
            .list()
            .get(0)
            .getId();
    Map<String, Object> variablesBefore = runtimeService.getVariables(request.getId());
    List<String> activitiesBefore = runtimeService.getActiveActivityIds(request.getId());
    List<Object[]> doors =
        List.of(
            new Object[] {HttpMethod.POST, task + "/resolve", Map.of()},
            new Object[] {
              HttpMethod.POST,
              task + "/bpmnError",
              Map.of(
                  "errorCode",
                  "Skip",
                  "variables",
                  Map.of(QA_VALIDATION_PASSED, Map.of("value", true)))
            },
            new Object[] {
              HttpMethod.POST, task + "/bpmnEscalation", Map.of("escalationCode", "Skip")
            },
            new Object[] {HttpMethod.POST, task + "/delegate", Map.of("userId", "dev")},
            new Object[] {HttpMethod.POST, task + "/assignee", Map.of("userId", "dev")},
            new Object[] {
              HttpMethod.POST,
              task + "/identity-links",
              Map.of("userId", "dev", "type", "candidate")
            },
            new Object[] {
              HttpMethod.PUT, task, Map.of("name", "Done", "due", "2020-01-01T00:00:00.000+0000")
            },
            new Object[] {
              HttpMethod.PUT,
              task + "/localVariables/" + QA_VALIDATION_PASSED,
              Map.of("value", true)
            },
            new Object[] {HttpMethod.POST, task + "/attachment/create", Map.of()},
            new Object[] {
              HttpMethod.POST,
              "/engine-rest/task/create",
              Map.of("id", "mine", "name", "Approve me")
            },
            new Object[] {
              HttpMethod.POST,
              "/engine-rest/filter/create",
              Map.of("resourceType", "Task", "name", "All", "query", Map.of())
            },
            new Object[] {HttpMethod.PUT, instance + "/suspended", Map.of("suspended", true)},
            new Object[] {HttpMethod.DELETE, instance, null},
            new Object[] {
              HttpMethod.PUT,
              "/engine-rest/execution/" + request.getId() + "/localVariables/x",
              Map.of("value", "y")
            },
            new Object[] {
              HttpMethod.POST,
              "/engine-rest/process-instance/variables-async",
              Map.of(
                  "processInstanceIds",
                  List.of(request.getId()),
                  "variables",
                  Map.of(DEPLOYMENT_OUTCOME, Map.of("value", "DEPLOYED")))
            },
            new Object[] {
              HttpMethod.POST,
              "/engine-rest/process-instance/suspended-async",
              Map.of("processInstanceIds", List.of(request.getId()), "suspended", true)
            },
            new Object[] {
              HttpMethod.POST,
              "/engine-rest/process-instance/delete",
              Map.of("processInstanceIds", List.of(request.getId()))
            },
            new Object[] {
              HttpMethod.POST, "/engine-rest/message", Map.of("messageName", "Approved")
            },
            new Object[] {HttpMethod.POST, "/engine-rest/signal", Map.of("name", "Approved")},
            new Object[] {
              HttpMethod.PUT,
              "/engine-rest/job-definition/" + job + "/suspended",
              Map.of("suspended", true)
            },
            new Object[] {HttpMethod.POST, "/engine-rest/migration/execute", Map.of()},
            new Object[] {
              HttpMethod.DELETE, "/engine-rest/history/process-instance/" + request.getId(), null
            },
            new Object[] {HttpMethod.PUT, "/engine-rest/group/devsecops/members/dana", null},
            new Object[] {
              HttpMethod.POST,
              "/engine-rest/authorization/create",
              Map.of(
                  "type",
                  1,
                  "permissions",
                  List.of("ALL"),
                  "userId",
                  DANA,
                  "resourceType",
                  8,
                  "resourceId",
                  "*")
            });

    for (String user : List.of(DANA, "dev", "quinn")) {
      for (Object[] door : doors) {
        ResponseEntity<String> answer =
            as(user)
                .exchange(
                    (String) door[1],
                    (HttpMethod) door[0],
                    door[2] == null ? null : json(door[2]),
                    String.class);
        String what = user + ": " + door[0] + " " + door[1];
        assertThat(answer.getStatusCode().is4xxClientError())
            .as(what + ": " + answer.getBody())
            .isTrue();
        assertThat(answer.getBody()).as(what).doesNotContain("at org.", "NullPointer");
      }
    }

    assertThat(runtimeService.getVariables(request.getId())).isEqualTo(variablesBefore);
    assertThat(runtimeService.getActiveActivityIds(request.getId())).isEqualTo(activitiesBefore);
    Task after = task(request, RUN_SMOKE_TESTS);
    assertThat(after.getAssignee()).isEqualTo(smoke.getAssignee());
    assertThat(after.getName()).isEqualTo(smoke.getName());
    assertThat(after.getDueDate()).isEqualTo(smoke.getDueDate());
    assertThat(taskService.getIdentityLinksForTask(after.getId()))
        .hasSameSizeAs(taskService.getIdentityLinksForTask(smoke.getId()));
    assertThat(taskService.createTaskQuery().taskId("mine").count()).isZero();
    assertThat(managementService.createBatchQuery().count()).isZero();
    assertThat(
            managementService
                .createJobDefinitionQuery()
                .jobDefinitionId(job)
                .singleResult()
                .isSuspended())
        .isFalse();
  }

  @Test
  void shouldShutTheSideDoorsAtTheHttpDoorBeforeAnyResourceRuns() throws Exception {
    // given a job that does not exist: a resource that ran would answer 404
    String missing = "no-such-job";
    WebappSession cockpit = WebappSession.login(port, "sofia", properties.demo().password());

    ResponseEntity<JsonNode> rest =
        as("sofia").postForEntity("/engine-rest/job/{id}/execute", null, JsonNode.class, missing);
    HttpResponse<String> webapp =
        cockpit.post("/camunda/api/engine/engine/default/job/" + missing + "/execute", "{}", true);
    ResponseEntity<JsonNode> startAt = startAt(DANA, SCHEDULE_DEPLOYMENT, Map.of(), JsonNode.class);

    // then the HTTP door refuses first, in its own words (the engine's refusal would carry a
    // "code")
    assertThat(rest.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getBody().has("code")).isFalse();
    assertThat(rest.getBody().get("message").asText()).contains("administrators");
    assertThat(webapp.statusCode()).isEqualTo(403);
    assertThat(webapp.body()).contains("administrators").doesNotContain("\"code\"");
    assertThat(startAt.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(startAt.getBody().has("code")).isFalse();
    // and an administrator passes it, to the resource's own answer
    assertThat(
            as("admin")
                .postForEntity("/engine-rest/job/{id}/execute", null, String.class, missing)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  /**
   * A production request with smoke tests and QA, approved, scheduled into an open window and
   * executed.
   */
  private ProcessInstance inVerification() {
    Map<String, Object> form = validRequest();
    form.put(SMOKE_TESTS_APPLY, true);
    form.put(QA_VALIDATION_APPLIES, true);
    ProcessInstance request = atExecution(form);
    complete(request, EXECUTE_DEPLOYMENT, "sam", Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS));
    runDueJobs(request); // the watch window: no checks here, over at once
    assertThat(task(request, RUN_SMOKE_TESTS)).isNotNull();
    return request;
  }

  private ResponseEntity<JsonNode> submitOverRest(String user, Map<String, Object> form) {
    return as(user)
        .postForEntity(
            "/engine-rest/process-definition/key/{key}/submit-form",
            json(restVariables(form)),
            JsonNode.class,
            DeploymentRequestProcess.KEY);
  }

  /** The person asks the engine's REST API to start a request at an activity, past its start. */
  private <T> ResponseEntity<T> startAt(
      String user, String activity, Map<String, Object> variables, Class<T> answer) {
    return as(user)
        .postForEntity(
            "/engine-rest/process-definition/key/{key}/start",
            json(startAt(activity, variables)),
            answer,
            DeploymentRequestProcess.KEY);
  }

  private static Map<String, Object> startAt(String activity, Map<String, Object> variables) {
    Map<String, Object> body = new HashMap<>(variables);
    body.put("skipCustomListeners", true);
    body.put("skipIoMappings", true);
    body.put("businessKey", "DR-2026-0001");
    body.put(
        "startInstructions",
        List.of(Map.of("type", "startBeforeActivity", "activityId", activity)));
    return body;
  }

  private long requests() {
    return historyService.createHistoricProcessInstanceQuery().count();
  }

  private long changeTickets() {
    return jdbc.queryForObject("select count(*) from change_ticket", Long.class);
  }

  private TestRestTemplate as(String user) {
    return new DemoUsersRest(http, properties).as(user);
  }

  private static HttpEntity<Object> json(Object body) {
    return DemoUsersRest.json(body);
  }
}
