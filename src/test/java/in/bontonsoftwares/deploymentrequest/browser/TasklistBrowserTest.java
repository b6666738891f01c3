package in.bontonsoftwares.deploymentrequest.browser;

import static in.bontonsoftwares.deploymentrequest.mail.SeparateSmtpServer.recipients;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static in.bontonsoftwares.deploymentrequest.process.TestRequests.restVariables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.browser.Browser.Band;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties.Item;
import in.bontonsoftwares.deploymentrequest.identity.Groups;
import in.bontonsoftwares.deploymentrequest.mail.SeparateSmtpServer;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole request in a real browser, as its people do it: each signs in on the Tasklist login
 * page and works their tasks through the Camunda Forms; the admin looks at the result in Cockpit.
 * The application runs with the job executor and sends its mail to a separate SMTP server
 * (GreenMail). Each step leaves a numbered screenshot in {@code target/browser-screenshots/}; see
 * {@link ReadmeImages} for the README's images.
 */
@WebAppTest(
    properties = {
      "camunda.bpm.job-execution.enabled=true",
      // the deployment window opens within a minute of scheduling: look for due jobs at least every
      // 5 s
      "camunda.bpm.job-execution.max-wait=5000"
    })
@DependsOnTime
class TasklistBrowserTest {

  /** The application's {@code deployment-request.time-zone}, and so the browser's. */
  private static final ZoneId ZONE = TestClock.APP_ZONE;

  private static final String PROCESS_NAME = "Deployment Request";
  private static final String MY_TASKS = "My tasks";
  private static final String MY_GROUPS_TASKS = "My groups' tasks";

  /** A developer who is also in DevSecOps: the case separation of duties exists for. */
  private static final String DOUBLE_HAT = "riley";

  /** The checklist item the requester leaves open, mandatory for production. */
  private static final String OPEN_ITEM = "OwnerApproval";

  @RegisterExtension static final BrowserExtension BROWSER = new BrowserExtension(ZONE);

  @RegisterExtension static final SeparateSmtpServer SMTP = new SeparateSmtpServer();

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    SMTP.register(registry);
  }

  @LocalServerPort int port;
  @Autowired DeploymentRequestProperties properties;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired RuntimeService runtimeService;
  @Autowired IdentityService identityService;
  @Autowired TestRestTemplate http;

  private Browser browser;
  private Tasklist tasklist;
  private String password;

  @BeforeEach
  void setUp() {
    assertThat(properties.timeZone()).isEqualTo(ZONE);
    browser = BROWSER.browser();
    tasklist = new Tasklist(browser, baseUrl());
    password = properties.demo().password();
  }

  @Test
  void shouldCarryARequestFromTheStartFormToItsDeploymentRecordThroughTasklist() throws Exception {
    ZonedDateTime preferred = nextStep(TestClock.nowInAppZone().plusHours(2));

    HistoricProcessInstance request = danaStartsARequestOnceTheFormAndTheServerAcceptIt(preferred);
    String number = request.getBusinessKey();
    danaCompletesTheReturnedChecklist(number);
    sofiaClaimsTheReviewAndRequestsChanges(number);
    danaAmendsTheRequest(number);
    sofiaApprovesAndSchedulesAWindowOpeningNow(number, preferred);
    samExecutesAndChecksHealthWhenTheWindowOpens(number);
    danaAndQuinnVerify(number);
    sofiaDocuments(number);

    theRequestEndedDeployed(request.getId());
    adminSeesTheProcessInCockpitWithNothingRunning();
    everyMailOfThePolicyArrived(
        number, LocalDate.ofInstant(request.getStartTime().toInstant(), ZONE));
  }

  private HistoricProcessInstance danaStartsARequestOnceTheFormAndTheServerAcceptIt(
      ZonedDateTime preferred) {
    // given a request with a malformed on-call email and a window that ends before it starts
    long startedBefore = requestsStartedBy("dana");
    tasklist.loginAs("dana", password);
    browser.shot("dana-signed-in");
    CamundaForm start = tasklist.startProcess(PROCESS_NAME, PROJECT_NAME);
    fillRequestLeavingOneChecklistItemOpen(start);
    start
        .text(ON_CALL_EMAIL, "olivia.oncall@example")
        .dateTime(WINDOW_START, preferred.plusHours(1))
        .dateTime(WINDOW_END, preferred);

    // then the form refuses the email the server would refuse, says in words what it expects (our
    // Tasklist script replaces form-js's "must match pattern") and will not start
    assertThat(start.error(ON_CALL_EMAIL))
        .startsWith("Not in the expected form. An address such as olivia@example.com")
        .doesNotContain("pattern", "^");
    assertThat(tasklist.startButton().isEnabled()).as("Start enabled").isFalse();
    browser.shot("dana-start-form-refuses-the-email", start.field(ON_CALL_EMAIL));

    // when the email is corrected, the server refuses the window and says why
    start.text(ON_CALL_EMAIL, "olivia@example.com");
    assertThat(start.errors()).isEmpty();
    tasklist.clickStart();
    assertThat(tasklist.awaitStartDialogError())
        .contains(
            "The process could not be started",
            "The preferred deployment window must end after it starts");
    // and says it again beside the Start button, in sight of the person who clicked it
    WebElement besideStart = browser.visible(Tasklist.START_DIALOG_FOOTER_ERROR);
    assertThat(besideStart.getText())
        .startsWith("The process could not be started: ")
        .contains("The preferred deployment window must end after it starts");
    assertThat(tasklist.inSight(besideStart)).as("refusal in sight").isTrue();
    assertThat(tasklist.inSight(tasklist.startButton())).as("Start button in sight").isTrue();
    browser.shot("dana-server-refuses-the-window");
    assertThat(requestsStartedBy("dana")).isEqualTo(startedBefore);

    // when the window is corrected too, the request starts
    tasklist.dismissStartDialogError();
    start.dateTime(WINDOW_START, preferred).dateTime(WINDOW_END, preferred.plusHours(1));
    assertThat(start.errors()).isEmpty();
    browser.shot("dana-start-form-corrected", start.field(WINDOW_START));
    ReadmeImages.save(
        "tasklist-start-form.png",
        () ->
            browser.screenshotOf(
                Tasklist.START_DIALOG_CONTENT,
                1100,
                6000,
                new Band(
                    Tasklist.START_DIALOG_CONTENT,
                    start.block(CHECKLIST_PREFIX + "TestsPassing" + CHECKLIST_EVIDENCE_SUFFIX)),
                new Band(Tasklist.START_DIALOG_FOOTER, Tasklist.START_DIALOG_FOOTER)));
    tasklist.clickStart();
    tasklist.awaitStartDialogClosed();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> requestsStartedBy("dana") == startedBefore + 1);
    HistoricProcessInstance request =
        historyService
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(DeploymentRequestProcess.KEY)
            .startedBy("dana")
            .orderByProcessInstanceStartTime()
            .desc()
            .listPage(0, 1)
            .get(0);
    assertThat(request.getBusinessKey()).matches("DR-\\d{4}-\\d{4}");
    return request;
  }

  private void danaCompletesTheReturnedChecklist(String number) {
    String task = tasklist.openTask(MY_TASKS, "Complete checklist", number);
    CamundaForm checklist = tasklist.form();
    assertThat(checklist.value(CHECKLIST_MISSING)).contains(item(OPEN_ITEM).text());
    browser.shot("dana-checklist-returned", checklist.field(CHECKLIST_MISSING));
    checklist
        .check(CHECKLIST_PREFIX + OPEN_ITEM)
        .text(
            CHECKLIST_PREFIX + OPEN_ITEM + CHECKLIST_EVIDENCE_SUFFIX,
            "Approved by P. Owner in PAY-1201");
    tasklist.complete(task);
    browser.shot("dana-checklist-completed");
    tasklist.logout();
  }

  private void sofiaClaimsTheReviewAndRequestsChanges(String number) {
    tasklist.loginAs("sofia", password);
    String task = tasklist.openTask(MY_GROUPS_TASKS, "Review deployment request", number);
    browser.shot("sofia-finds-the-review");
    tasklist.claim("Sofia Secops");
    CamundaForm review = tasklist.form();
    assertThat(review.value(REQUEST_NUMBER)).isEqualTo(number);
    assertThat(review.value(VERSION)).isEqualTo("2.4.1");
    review
        .check(REVIEW_PREREQUISITES_VERIFIED)
        .check(REVIEW_CODE_AND_CONFIGURATION)
        .select(RISK_LEVEL, "Medium")
        .radio(REVIEW_DECISION, "Request changes")
        .text(
            REVIEW_COMMENTS,
            "2.4.1 has the payout rounding bug PAY-1188: please ship 2.4.2 with the fix.");
    browser.shot("sofia-requests-changes", review.field(REVIEW_COMMENTS));
    tasklist.complete(task);
    tasklist.logout();
  }

  private void danaAmendsTheRequest(String number) {
    tasklist.loginAs("dana", password);
    String task = tasklist.openTask(MY_TASKS, "Amend request", number);
    CamundaForm amendment = tasklist.form();
    assertThat(amendment.value(REVIEW_COMMENTS)).contains("PAY-1188");
    amendment
        .text(VERSION, "2.4.2")
        .text(AMENDMENT_NOTES, "2.4.2 fixes the payout rounding (PAY-1188); verified in staging.");
    browser.shot("dana-amends-the-request", amendment.field(AMENDMENT_NOTES));
    tasklist.complete(task);
    tasklist.logout();
  }

  private void sofiaApprovesAndSchedulesAWindowOpeningNow(String number, ZonedDateTime preferred) {
    tasklist.loginAs("sofia", password);
    String reviewTask = tasklist.openTask(MY_GROUPS_TASKS, "Review deployment request", number);
    tasklist.claim("Sofia Secops");
    CamundaForm review = tasklist.form();
    assertThat(review.value(REVISION)).isEqualTo("2");
    assertThat(review.value(VERSION)).isEqualTo("2.4.2");
    assertThat(review.value(AMENDMENT_NOTES)).contains("PAY-1188");
    review
        .check(REVIEW_PREREQUISITES_VERIFIED)
        .check(REVIEW_CODE_AND_CONFIGURATION)
        .check(REVIEW_SECURITY_AND_COMPLIANCE)
        .check(REVIEW_INFRASTRUCTURE_READY)
        .check(REVIEW_RISKS_AND_DEPENDENCIES)
        .select(RISK_LEVEL, "Low")
        .text(REVIEW_COMMENTS, "Fix verified in 2.4.2. Approved.")
        .radio(REVIEW_DECISION, "Approve");
    assertThat(review.value(REVISION_CHANGES)).contains("Version / artifact\n  was: 2.4.1");
    browser.shot("sofia-approves-revision-2", review.field(REVIEW_COMMENTS));
    tasklist.complete(reviewTask);

    String scheduleTask = tasklist.openTask(MY_GROUPS_TASKS, "Schedule deployment", number);
    tasklist.claim("Sofia Secops");
    CamundaForm schedule = tasklist.form();
    assertThat(schedule.dateTime(CONFIRMED_WINDOW_START))
        .as("the preferred window is proposed")
        .isEqualTo(preferred.toLocalDateTime());
    ZonedDateTime opens = windowOpeningNow();
    schedule
        .dateTime(CONFIRMED_WINDOW_START, opens)
        .dateTime(CONFIRMED_WINDOW_END, opens.plusHours(1))
        .check(ROLLBACK_PROCEDURE_CONFIRMED)
        // a window other than the proposed one may clash with what the form did not list: she has
        // read the conflicts (this test's context holds other tests' windows too)
        .check(CONFIRM_DESPITE_CONFLICTS)
        .text(SCHEDULING_NOTES, "Freeze on payments-api during the window.");
    browser.shot("sofia-schedules-a-window-opening-now", schedule.field(CONFIRMED_WINDOW_START));
    tasklist.complete(scheduleTask);
    tasklist.logout();
  }

  private void samExecutesAndChecksHealthWhenTheWindowOpens(String number) {
    // the window's timer fires at once, or within the minute (the job executor runs it)
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                taskService
                        .createTaskQuery()
                        .processInstanceBusinessKey(number)
                        .taskDefinitionKey(EXECUTE_DEPLOYMENT)
                        .count()
                    == 1);
    tasklist.loginAs("sam", password);
    String executeTask = tasklist.openTask(MY_GROUPS_TASKS, "Execute deployment", number);
    tasklist.claim("Sam Operator");
    CamundaForm execution = tasklist.form();
    assertThat(execution.value(CHANGE_TICKET_NUMBER)).matches("CHG-\\d{4}-\\d{4}");
    execution
        .radio(EXECUTION_OUTCOME, "Deployed successfully")
        .text(EXECUTION_NOTES, "Pipeline run 5521 rolled out payments-api 2.4.2 to 6 pods.");
    browser.shot("sam-executes", execution.field(EXECUTION_NOTES));
    tasklist.complete(executeTask);

    String healthTask =
        tasklist.openTask(MY_GROUPS_TASKS, "Run health checks and review dashboards", number);
    tasklist.claim("Sam Operator");
    tasklist
        .form()
        .check(HEALTH_CHECKS_PASSED)
        .check(DASHBOARDS_REVIEWED)
        .text(HEALTH_CHECK_NOTES, "/health 200, p99 180 ms, no alert firing.");
    browser.shot("sam-health-checks");
    ReadmeImages.save(
        "tasklist-filters.png", () -> browser.screenshotOf(By.cssSelector("body"), 1400, 900));
    tasklist.complete(healthTask);
    tasklist.logout();
  }

  private void danaAndQuinnVerify(String number) {
    tasklist.loginAs("dana", password);
    String smokeTask = tasklist.openTask(MY_TASKS, "Run smoke tests", number);
    tasklist.form().check(SMOKE_TESTS_PASSED).text(SMOKE_TEST_NOTES, "Smoke suite 42/42 passed.");
    browser.shot("dana-smoke-tests");
    tasklist.complete(smokeTask);
    tasklist.logout();

    tasklist.loginAs("quinn", password);
    String qaTask = tasklist.openTask(MY_GROUPS_TASKS, "Validate with QA", number);
    tasklist.claim("Quinn Tester");
    tasklist.form().check(QA_VALIDATION_PASSED).text(QA_NOTES, "Regression pack PAY-R1 passed.");
    browser.shot("quinn-validates");
    tasklist.complete(qaTask);
    tasklist.logout();
  }

  private void sofiaDocuments(String number) {
    tasklist.loginAs("sofia", password);
    String task = tasklist.openTask(MY_GROUPS_TASKS, "Document deployment", number);
    tasklist.claim("Sofia Secops");
    tasklist
        .form()
        .text(
            ISSUES_AND_RESOLUTIONS,
            "None during the window; revision 1 was sent back for PAY-1188.")
        .text(POST_DEPLOYMENT_METRICS, "Error rate 0.02%, p99 180 ms.")
        .text(LESSONS_LEARNED, "Link the fix's ticket in the first revision.");
    browser.shot("sofia-documents");
    tasklist.complete(task);
    tasklist.logout();
  }

  /** Cockpit CE has no history view: the history API tells how the request ended. */
  private void theRequestEndedDeployed(String instanceId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode history =
                  asAdmin()
                      .getForObject(
                          "/engine-rest/history/process-instance/{id}", JsonNode.class, instanceId);
              assertThat(history.path("state").asText())
                  .as(history.toString())
                  .isEqualTo("COMPLETED");
              JsonNode ended =
                  asAdmin()
                      .getForObject(
                          "/engine-rest/history/activity-instance/count?processInstanceId={id}"
                              + "&activityId={end}",
                          JsonNode.class,
                          instanceId,
                          END_DEPLOYED);
              assertThat(ended.path("count").asInt()).isEqualTo(1);
            });
  }

  private void adminSeesTheProcessInCockpitWithNothingRunning() {
    Cockpit cockpit = new Cockpit(browser, baseUrl());
    cockpit.loginAs("admin", password);
    // our Cockpit: the product's name, a link to the requests page, the footer's zone by its name
    browser.until(
        "Cockpit's header links the requests page",
        d ->
            browser
                .text(By.cssSelector("[cam-widget-header] a[href$='/requests.html']"))
                .equals("Requests"));
    assertThat(browser.text(By.cssSelector("[cam-widget-header] .brand-name")))
        .contains("Deployment Requests");
    browser.until(
        "Cockpit's footer names the zone",
        d -> browser.text(By.cssSelector("#footer-timezone")).contains("Asia/Kolkata (UTC+05:30)"));
    browser.shot("admin-cockpit-dashboard");
    // and Admin's dashboard lists our pages
    browser.open(baseUrl() + "/camunda/app/admin/default/");
    WebElement pages = browser.visible(By.cssSelector("ul.drp-pages"));
    assertThat(pages.getText()).contains("Requests", "Mailbox");
    assertThat(pages.findElement(By.linkText("Requests")).getAttribute("href"))
        .isEqualTo(baseUrl() + "/requests.html");
    browser.shot("admin-admin-dashboard");
    browser.open(baseUrl() + "/camunda/app/cockpit/default/");
    cockpit.openProcess(PROCESS_NAME);
    cockpit.awaitDiagramShows(REVIEW_REQUEST, EXECUTE_DEPLOYMENT, END_DEPLOYED);
    assertThat(cockpit.runningInstances()).isZero();
    browser.shot("admin-cockpit-process-diagram");
    ReadmeImages.save("cockpit-diagram.png", cockpit::diagramImage);
    ReadmeImages.save("deployment-request-process.png", cockpit::diagramImage);
    Tasklist.logout(browser);
  }

  private void everyMailOfThePolicyArrived(String number, LocalDate requested) throws Exception {
    String subject = "Payments - Production - %s - " + requested;
    String received = subject.formatted("Deployment Request Received");
    // in the order sent, but the confirmation, which goes beside the checklist check
    List<String> purposes =
        List.of(
            "Checklist Incomplete",
            "Deployment Request",
            "Changes Requested",
            "Deployment Request (Revision 2)",
            "Deployment Scheduled",
            "Deployment Window Open",
            "Deployment Status",
            "Deployment Record");
    Map<String, MimeMessage> mails =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> SMTP.mailsBySubject(number), arrived -> arrived.size() > purposes.size());
    assertThat(mails.keySet())
        .contains(received)
        .filteredOn(one -> !one.equals(received))
        .containsExactlyElementsOf(purposes.stream().map(subject::formatted).toList());
    assertThat(recipients(mails.get(received), RecipientType.TO))
        .containsExactly("dana@example.com");
    assertThat(recipients(mails.get(subject.formatted("Checklist Incomplete")), RecipientType.TO))
        .containsExactly("dana@example.com");
    assertThat(recipients(mails.get(subject.formatted("Deployment Request")), RecipientType.TO))
        .containsExactly(properties.mailbox());
    assertThat(recipients(mails.get(subject.formatted("Changes Requested")), RecipientType.TO))
        .containsExactly("dana@example.com");
    assertThat(recipients(mails.get(subject.formatted("Deployment Record")), RecipientType.TO))
        .containsExactly(properties.mailbox());
  }

  @Test
  void shouldShowARequesterInDevSecOpsThatTheyCannotTakeOnTheirOwnReview() {
    // given riley, in both developers and devsecops, who started a request
    createDoubleHatUser();
    ResponseEntity<JsonNode> started =
        http.withBasicAuth(DOUBLE_HAT, password)
            .postForEntity(
                "/engine-rest/process-definition/key/{key}/submit-form",
                restVariables(TestRequests.validRequest(properties)),
                JsonNode.class,
                DeploymentRequestProcess.KEY);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    String instanceId = started.getBody().get("id").asText();
    String number = started.getBody().get("businessKey").asText();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  taskService
                          .createTaskQuery()
                          .processInstanceId(instanceId)
                          .taskDefinitionKey(REVIEW_REQUEST)
                          .count()
                      == 1);

      // when riley finds the review among their groups' tasks and tries to claim it
      tasklist.loginAs(DOUBLE_HAT, password);
      tasklist.openTask(MY_GROUPS_TASKS, "Review deployment request", number);
      String refusal = tasklist.claimRefused();
      browser.shot("riley-cannot-claim-their-own-review");

      // then Tasklist says why, and the review stays unclaimed and cannot be completed
      assertThat(refusal).contains("own deployment request").doesNotContain("ENGINE-", "Exception");
      assertThat(
              taskService
                  .createTaskQuery()
                  .processInstanceId(instanceId)
                  .taskDefinitionKey(REVIEW_REQUEST)
                  .singleResult()
                  .getAssignee())
          .isNull();
      assertThat(tasklist.completeButton().isEnabled()).as("Complete enabled").isFalse();
      tasklist.logout();
    } finally {
      runtimeService.deleteProcessInstance(instanceId, "browser test done");
    }
  }

  private void fillRequestLeavingOneChecklistItemOpen(CamundaForm start) {
    start
        .text(PROJECT_NAME, "Payments")
        .text(APPLICATION_NAME, "payments-api")
        .text(VERSION, "2.4.1")
        .select(ENVIRONMENT, "Production")
        .text(
            CHANGE_DESCRIPTION, "Adds refunds by bank transfer; new nullable column refunds.iban.")
        .text(
            ROLLBACK_PLAN, "Redeploy 2.4.0 with the pipeline's rollback job; the new column stays.")
        .text(ON_CALL_NAME, "Olivia Oncall")
        .text(ON_CALL_PHONE, "+91 98765 43210")
        .text(REALTIME_CHANNEL, "#deploy-payments")
        .text(STAKEHOLDER_EMAILS, "product@example.com, support@example.com")
        .text(HEALTH_CHECK_URL, "https://payments.example.com/actuator/health")
        .check(SMOKE_TESTS_APPLY)
        .check(QA_VALIDATION_APPLIES);
    for (Item item : properties.checklist().items()) {
      if (!item.id().equals(OPEN_ITEM)) {
        start
            .check(CHECKLIST_PREFIX + item.id())
            .text(
                CHECKLIST_PREFIX + item.id() + CHECKLIST_EVIDENCE_SUFFIX,
                "https://ci.example.com/" + item.id());
      }
    }
  }

  private Item item(String id) {
    return properties.checklist().items().stream()
        .filter(item -> item.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  /** The date-time fields take any minute: the given time to the minute, not rounded to a step. */
  private static ZonedDateTime nextStep(ZonedDateTime time) {
    ZonedDateTime minute = time.truncatedTo(ChronoUnit.MINUTES);
    return minute.getMinute() % 5 == 0 ? minute.plusMinutes(3) : minute;
  }

  /**
   * A window start the timer fires for within a minute, picked to the minute as the README's walk
   * says ("a minute or two ahead"): the next minute.
   */
  private static ZonedDateTime windowOpeningNow() {
    return TestClock.nowInAppZone().plusMinutes(1).truncatedTo(ChronoUnit.MINUTES);
  }

  private long requestsStartedBy(String user) {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(DeploymentRequestProcess.KEY)
        .startedBy(user)
        .count();
  }

  private void createDoubleHatUser() {
    if (identityService.createUserQuery().userId(DOUBLE_HAT).count() == 0) {
      User user = identityService.newUser(DOUBLE_HAT);
      user.setFirstName("Riley");
      user.setLastName("Twohats");
      user.setEmail("riley@example.com");
      user.setPassword(password);
      identityService.saveUser(user);
      identityService.createMembership(DOUBLE_HAT, Groups.DEVELOPERS);
      identityService.createMembership(DOUBLE_HAT, Groups.DEVSECOPS);
    }
  }

  private String baseUrl() {
    return "http://localhost:" + port;
  }

  private TestRestTemplate asAdmin() {
    return http.withBasicAuth("admin", password);
  }
}
