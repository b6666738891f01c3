package in.bontonsoftwares.deploymentrequest.browser;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static in.bontonsoftwares.deploymentrequest.process.TestRequests.restVariables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The review form in Tasklist as DevSecOps uses it: revision 2 shows what changed since revision 1
 * and the review that sent it back; a review without a decision is stopped by the form, which names
 * the field, and nothing typed is lost. The rounds before the browser opens are played over REST,
 * as the demo users; nothing here depends on the date, time, zone or locale.
 */
@WebAppTest(properties = "camunda.bpm.job-execution.enabled=true")
class ReviewFormBrowserTest {

  private static final String MY_GROUPS_TASKS = "My groups' tasks";
  private static final String REVIEW = "Review deployment request";

  @RegisterExtension
  static final BrowserExtension BROWSER = new BrowserExtension(TestClock.APP_ZONE);

  @LocalServerPort int port;
  @Autowired DeploymentRequestProperties properties;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired TestRestTemplate http;

  private Browser browser;
  private Tasklist tasklist;
  private String password;
  private String instanceId;

  @BeforeEach
  void setUp() {
    browser = BROWSER.browser();
    tasklist = new Tasklist(browser, "http://localhost:" + port);
    password = properties.demo().password();
  }

  @AfterEach
  void deleteTheRequest() {
    if (instanceId != null
        && runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count() > 0) {
      runtimeService.deleteProcessInstance(instanceId, "browser test done");
    }
  }

  @Test
  void shouldShowTheReviewerOfRevisionTwoWhatChangedAndTheReviewThatSentItBack() {
    // given dana's request, sent back by sofia and amended by dana
    String number = danaStarts();
    Task first = awaitTask(REVIEW);
    submit(
        "sofia",
        first,
        TestRequests.review(
            Value.DECISION_REQUEST_CHANGES,
            "2.4.1 has the payout rounding bug PAY-1188: please ship 2.4.2 with the fix."));
    Task amend = awaitTask("Amend request");
    submit(
        "dana",
        amend,
        Map.of(
            VERSION,
            "2.4.2",
            CHANGE_DESCRIPTION,
            "Adds refunds by bank transfer; fixes the payout rounding (PAY-1188)",
            AMENDMENT_NOTES,
            "2.4.2 fixes the payout rounding (PAY-1188).",
            WITHDRAW_REQUEST,
            false));
    awaitTask(REVIEW);

    // when sofia opens revision 2's review
    tasklist.loginAs("sofia", password);
    String reviewTask = tasklist.openTask(MY_GROUPS_TASKS, REVIEW, number);
    tasklist.claim("Sofia Secops");
    CamundaForm review = tasklist.form();

    // then it shows the changed fields by their labels, old and new, and round 1's review
    assertThat(review.value(REVISION)).isEqualTo("2");
    assertThat(review.value(REVISION_CHANGES))
        .startsWith("2 fields changed since revision 1:")
        .contains("Version / artifact\n  was: 2.4.1\n  now: 2.4.2")
        .contains(
            "Change description\n  was: Adds refunds by bank transfer\n"
                + "  now: Adds refunds by bank transfer; fixes the payout rounding (PAY-1188)");
    assertThat(review.value(EARLIER_REVIEWS))
        .isEqualTo(
            "Revision 1: Request changes by Sofia Secops (risk Medium)\n"
                + "  2.4.1 has the payout rounding bug PAY-1188: please ship 2.4.2 with the fix.");
    assertThat(review.field(REVISION_CHANGES).getAttribute("readonly")).isNotNull();
    browser.shot("sofia-sees-what-changed-in-revision-2", review.field(REVISION_CHANGES));

    // and completing it sends nothing of the comparison back: the step gate drops it unchanged
    review
        .check(REVIEW_PREREQUISITES_VERIFIED)
        .check(REVIEW_CODE_AND_CONFIGURATION)
        .check(REVIEW_SECURITY_AND_COMPLIANCE)
        .check(REVIEW_INFRASTRUCTURE_READY)
        .check(REVIEW_RISKS_AND_DEPENDENCIES)
        .select(RISK_LEVEL, "Low")
        .text(REVIEW_COMMENTS, "Fix verified in 2.4.2. Approved.")
        .radio(REVIEW_DECISION, "Approve");
    ReadmeImages.save(
        "tasklist-review-form.png",
        () ->
            browser.screenshotOf(
                Tasklist.TASK_CARD,
                1400,
                8000,
                new Browser.Band(Tasklist.TASK_CARD, review.group("Group_Revision")),
                new Browser.Band(review.group("Group_Review"), Tasklist.TASK_FORM_ACTIONS)));
    tasklist.complete(reviewTask);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                taskService
                        .createTaskQuery()
                        .processInstanceId(instanceId)
                        .taskDefinitionKey(SCHEDULE_DEPLOYMENT)
                        .count()
                    == 1);
    tasklist.logout();
  }

  @Test
  void shouldNameTheMissingDecisionAndKeepWhatWasTypedWhenAReviewIsCompletedWithoutOne() {
    // given sofia's review of a new request, with two points ticked, a risk and a comment
    String number = danaStarts();
    Task task = awaitTask(REVIEW);
    tasklist.loginAs("sofia", password);
    tasklist.openTask(MY_GROUPS_TASKS, REVIEW, number);
    tasklist.claim("Sofia Secops");
    CamundaForm review = tasklist.form();
    review
        .check(REVIEW_PREREQUISITES_VERIFIED)
        .check(REVIEW_CODE_AND_CONFIGURATION)
        .select(RISK_LEVEL, "Medium")
        .text(REVIEW_COMMENTS, "Which migration adds refunds.iban?");

    // when she completes it without choosing a decision
    String refusal = tasklist.completeRefused();
    browser.shot("sofia-completes-without-a-decision", review.group("Group_Review"));

    // then the form names the field, nothing reached the engine and everything typed is still there
    assertThat(review.error(REVIEW_DECISION)).isEqualTo("Field is required.");
    assertThat(review.errors()).containsExactly("Field is required.");
    assertThat(refusal).contains("An error happened while submitting the task form");
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    assertThat(taskService.getVariable(task.getId(), REVIEW_COMMENTS)).isNull();
    assertThat(taskService.getVariable(task.getId(), RISK_LEVEL)).isNull();
    assertThat(review.field(REVIEW_PREREQUISITES_VERIFIED).isSelected()).isTrue();
    assertThat(review.field(REVIEW_CODE_AND_CONFIGURATION).isSelected()).isTrue();
    assertThat(review.value(REVIEW_COMMENTS)).isEqualTo("Which migration adds refunds.iban?");

    // when she chooses one, the same form completes the review
    review.radio(REVIEW_DECISION, "Request changes");
    assertThat(review.errors()).isEmpty();
    tasklist.complete(task.getId());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                taskService
                        .createTaskQuery()
                        .processInstanceId(instanceId)
                        .taskDefinitionKey(AMEND_REQUEST)
                        .count()
                    == 1);
    assertThat(runtimeService.getVariable(instanceId, REVIEW_COMMENTS))
        .isEqualTo("Which migration adds refunds.iban?");
    tasklist.logout();
  }

  private String danaStarts() {
    ResponseEntity<JsonNode> started =
        asUser("dana")
            .postForEntity(
                "/engine-rest/process-definition/key/{key}/submit-form",
                restVariables(TestRequests.validRequest(properties)),
                JsonNode.class,
                DeploymentRequestProcess.KEY);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    instanceId = started.getBody().get("id").asText();
    return started.getBody().get("businessKey").asText();
  }

  private Task awaitTask(String name) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                taskService
                    .createTaskQuery()
                    .processInstanceId(instanceId)
                    .taskName(name)
                    .singleResult(),
            task -> task != null);
  }

  private void submit(String user, Task task, Map<String, Object> values) {
    if (task.getAssignee() == null) {
      ResponseEntity<Void> claimed =
          asUser(user)
              .postForEntity(
                  "/engine-rest/task/{id}/claim", Map.of("userId", user), Void.class, task.getId());
      assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }
    ResponseEntity<String> done =
        asUser(user)
            .postForEntity(
                "/engine-rest/task/{id}/submit-form",
                restVariables(values),
                String.class,
                task.getId());
    assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  private TestRestTemplate asUser(String user) {
    return http.withBasicAuth(user, password);
  }
}
