package in.bontonsoftwares.deploymentrequest.browser;

import static org.assertj.core.api.Assertions.assertThat;

import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.identity.TestUsers;
import in.bontonsoftwares.deploymentrequest.process.EngineRequests;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Our pages in a real browser, reached from Tasklist with its one sign-in: the requests view as a
 * developer (only their own, a request waiting for its window without an open task, the record's
 * PDF) and as DevSecOps (everyone's, what waits for their group), the branded Tasklist (no Camunda
 * 8 banner, no "Create task" for a developer), and the mailbox as a developer (only their mail, an
 * attachment to download). Each test builds its own requests and starts signed out.
 */
@WebAppTest
class RequestsBrowserTest {

  private static final ZoneId ZONE = TestClock.APP_ZONE;

  @RegisterExtension static final BrowserExtension BROWSER = new BrowserExtension(ZONE);

  @LocalServerPort int port;
  @Autowired DeploymentRequestProperties properties;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired FormService formService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired ProcessEngineConfigurationImpl engineConfiguration;

  private Browser browser;
  private Tasklist tasklist;
  private EngineRequests requests;
  private String password;
  private long clockOffset;

  @BeforeEach
  void setUp() {
    browser = BROWSER.browser();
    tasklist = new Tasklist(browser, baseUrl());
    requests =
        new EngineRequests(
            properties,
            identityService,
            repositoryService,
            formService,
            taskService,
            managementService,
            historyService);
    password = properties.demo().password();
    clockOffset = TestClock.offset();
  }

  @AfterEach
  void restoreClock() {
    TestClock.restore(clockOffset);
  }

  @Test
  void shouldShowADeveloperWhereEachOfTheirRequestsStandsWithOneSignIn() {
    String inReview = requests.inReview("dana", "Ledger");
    String waiting = requests.inReview("dana", "Billing");
    requests.scheduleForLater(waiting);
    String rejected = requests.inReview("dana", "Archive");
    requests.reject(rejected);
    String devs = requests.inReview("dev", "Inventory");

    // signed out, the page says how to sign in instead of asking for a password
    browser.open(baseUrl() + "/requests.html");
    WebElement signIn = browser.visible(By.cssSelector("#problem a.sign-in"));
    assertThat(signIn.getText()).isEqualTo("Sign in to Tasklist");
    browser.shot("requests-signed-out");

    tasklist.loginAs("dana", password);
    brandedTasklistWithoutBannerOrCreateTask();
    browser.click(By.cssSelector("[cam-widget-header] li.drp-requests-link a"));
    WebElement mine = awaitRow(inReview);
    assertThat(browser.text(By.cssSelector(".views button.active"))).isEqualTo("Mine");
    assertThat(cell(mine, 2).getText()).isEqualTo("Ledger");
    assertThat(cell(mine, 5).getText()).contains("In review");
    assertThat(cell(mine, 6).getText()).isEqualTo("Review deployment request");
    assertThat(cell(mine, 7).getText()).isEqualTo("Group DevSecOps (unclaimed)");
    assertThat(cell(mine, 8).getText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");

    WebElement scheduled = awaitRow(waiting);
    assertThat(cell(scheduled, 5).getText()).isEqualTo("Scheduled");
    assertThat(cell(scheduled, 6).getText())
        .isEqualTo("Scheduled; waiting for the confirmed window to open");
    assertThat(cell(scheduled, 7).getText()).isEmpty();
    assertThat(cell(scheduled, 9).getText()).doesNotContain("preferred").isNotBlank();
    assertThat(cell(scheduled, 10).getText()).matches("CHG-\\d{4}-\\d+ \\(Scheduled\\)");

    WebElement ended = awaitRow(rejected);
    assertThat(cell(ended, 11).getText()).isEqualTo("Rejected");
    assertThat(ended.findElement(By.cssSelector("a.record-pdf")).getAttribute("href"))
        .endsWith("/api/records/" + rejected + "/pdf");
    assertThat(fetchStatus("api/records/" + rejected + "/pdf")).isEqualTo(200);
    assertThat(browser.driver().findElements(By.cssSelector("tr[data-request='" + devs + "']")))
        .isEmpty();
    browser.shot("requests-dana");
    ReadmeImages.save(
        "requests-developer.png", () -> browser.screenshotOf(By.cssSelector("body"), 1400, 900));

    // one request's page, as the mails link to it
    browser.open(baseUrl() + "/requests.html?request=" + waiting);
    browser.visible(By.cssSelector("#detail h2"));
    assertThat(browser.text(By.cssSelector("#detail h2"))).startsWith(waiting + " · Billing");
    assertThat(browser.text(By.cssSelector("#detail .open-tasks-none")))
        .isEqualTo("None: Scheduled; waiting for the confirmed window to open.");
    assertThat(browser.text(By.cssSelector("#detail ol.timeline")))
        .contains("Review deployment request — Sofia Secops", "Schedule deployment");
    browser.shot("request-waiting-for-its-window");
    ReadmeImages.save(
        "request-page.png", () -> browser.screenshotOf(By.cssSelector("#detail"), 1100, 1600));

    // another developer's request is not there for her
    browser.open(baseUrl() + "/requests.html?request=" + devs);
    assertThat(browser.visible(By.cssSelector("#problem")).getText())
        .contains("No deployment request " + devs + " that you may read");
  }

  @Test
  void shouldLetAPersonSignInOnThePageItselfStayThereAndSetTheirTaskMails() {
    String developer = TestUsers.newDeveloper(identityService, "pagesignin", password);
    String number = requests.inReview(developer, "Ledger");
    String page = baseUrl() + "/requests.html?request=" + number;

    browser.open(page);
    WebElement form = browser.visible(By.cssSelector("#problem form.sign-in-form"));
    browser.type(form.findElement(By.name("username")), developer);
    browser.type(form.findElement(By.name("password")), "not-" + password);
    form.findElement(By.cssSelector("button[type=submit]")).click();
    browser.until(
        "the wrong password is refused in words",
        d ->
            browser
                .text(By.cssSelector(".sign-in-form .why"))
                .startsWith("Wrong user name or password."));
    browser.shot("page-sign-in-refused");
    // past the engine's delay after a failed sign-in
    TestClock.advance(Duration.ofSeconds(engineConfiguration.getLoginDelayBase() + 1));

    WebElement again = browser.visible(By.cssSelector("#problem form.sign-in-form"));
    browser.type(again.findElement(By.name("username")), developer);
    browser.type(again.findElement(By.name("password")), password);
    again.findElement(By.cssSelector("button[type=submit]")).click();
    // the same page, signed in: the request, not Tasklist
    assertThat(browser.visible(By.cssSelector("#detail h2")).getText()).startsWith(number);
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(page);
    assertThat(browser.text(By.id("who"))).contains(developer);

    // task mails: off, kept by the server across a reload, and on again
    WebElement setting = browser.visible(By.id("task-mails"));
    browser.until("the setting is read", d -> setting.isEnabled());
    assertThat(new Select(setting).getFirstSelectedOption().getText()).isEqualTo("Immediately");
    new Select(setting).selectByVisibleText("Off");
    browser.until(
        "the change is saved",
        d -> "Saved".equals(browser.text(By.cssSelector(".task-mails .said"))));
    browser.open(page);
    WebElement reloaded = browser.visible(By.id("task-mails"));
    browser.until("the setting is read", d -> reloaded.isEnabled());
    assertThat(new Select(reloaded).getFirstSelectedOption().getText()).isEqualTo("Off");
    browser.shot("task-mails-off");
    assertThat(fetchStatus("api/me")).isEqualTo(200);
  }

  @Test
  void shouldShowDevSecOpsEveryRequestAndWhatWaitsForTheirGroup() {
    String danas = requests.inReview("dana", "Payroll");
    String devs = requests.inReview("dev", "Catalog");
    requests.scheduleForLater(devs);

    tasklist.loginAs("sofia", password);
    browser.open(baseUrl() + "/requests.html");
    awaitRow(danas);
    WebElement scheduled = awaitRow(devs);
    assertThat(browser.text(By.cssSelector(".views button.active"))).isEqualTo("All I may see");
    assertThat(cell(scheduled, 6).getText())
        .isEqualTo("Scheduled; waiting for the confirmed window to open");
    browser.shot("requests-sofia-all");

    browser.click(By.cssSelector(".views button[data-view='team']"));
    browser.until(
        "only what waits for DevSecOps",
        d ->
            !d.findElements(By.cssSelector("tr[data-request='" + danas + "']")).isEmpty()
                && d.findElements(By.cssSelector("tr[data-request='" + devs + "']")).isEmpty());
    browser.shot("requests-sofia-team");
  }

  @Test
  void shouldShowADeveloperTheirOwnMailWithItsAttachmentKeepingItsPlace() {
    String rejected = requests.inReview("dana", "Mailroom");
    requests.reject(rejected);
    String devs = requests.inReview("dev", "Elsewhere");

    tasklist.loginAs("dana", password);
    browser.open(baseUrl() + "/mailbox.html");
    WebElement mail =
        browser.until(
            "the rejection mail of " + rejected,
            d ->
                d.findElements(By.cssSelector("#list li")).stream()
                    .filter(li -> li.getText().contains("Mailroom") && li.getText().contains("📎"))
                    .findFirst()
                    .orElse(null));
    assertThat(browser.text(By.cssSelector("#list"))).doesNotContain("Elsewhere");
    assertThat(browser.text(By.cssSelector("#scope"))).contains("dana@example.com");
    browser.click(mail);
    WebElement attachment = browser.visible(By.cssSelector("#detail a.attachment"));
    assertThat(attachment.getText()).isEqualTo(rejected + ".pdf");
    assertThat(fetchStatus(attachment.getAttribute("href"))).isEqualTo(200);
    browser.shot("mailbox-dana-attachment");
    ReadmeImages.save("mailbox.png", () -> browser.screenshotOf(By.cssSelector("body"), 1400, 900));

    // a refresh leaves the open mail and the list where they were: the same elements, still shown
    int loads = loads();
    browser.until("the mailbox refreshed", Duration.ofSeconds(30), d -> loads() > loads);
    assertThat(attachment.isDisplayed()).isTrue();
    assertThat(mail.getAttribute("class")).contains("selected");
    assertThat(browser.driver().findElements(By.cssSelector("#list li.selected"))).hasSize(1);
    assertThat(devs).isNotBlank();
  }

  private void brandedTasklistWithoutBannerOrCreateTask() {
    browser.until(
        "the product's name in the header",
        d ->
            browser.text(By.cssSelector("[cam-widget-header] .brand-name")).contains("Deployment"));
    assertThat(browser.text(By.cssSelector("[cam-widget-header] .brand-name")))
        .isEqualTo("Bonton Softwares Deployment Requests");
    assertThat(browser.driver().getTitle()).isEqualTo("Bonton Softwares Deployment Requests");
    List<WebElement> banner = browser.driver().findElements(By.cssSelector(".ce-eol-banner"));
    assertThat(banner).allSatisfy(element -> assertThat(element.isDisplayed()).isFalse());
    browser.visible(By.cssSelector("[cam-widget-header] li.drp-requests-link a"));
    List<WebElement> createTask =
        browser.driver().findElements(By.cssSelector("[cam-widget-header] li.create-task-action"));
    assertThat(createTask).allSatisfy(element -> assertThat(element.isDisplayed()).isFalse());
    assertThat(browser.text(By.cssSelector("#footer-timezone"))).contains("Asia/Kolkata (UTC+");
    browser.shot("tasklist-branded-dana");
  }

  private int loads() {
    Object loads =
        ((JavascriptExecutor) browser.driver())
            .executeScript("return Number(document.body.dataset.loads || 0)");
    return ((Number) loads).intValue();
  }

  private WebElement awaitRow(String number) {
    return browser.visible(By.cssSelector("#requests tr[data-request='" + number + "']"));
  }

  private static WebElement cell(WebElement row, int column) {
    return row.findElement(By.cssSelector("td:nth-child(" + column + ")"));
  }

  /** What the browser, with its session, gets for the path. */
  private long fetchStatus(String path) {
    Object status =
        ((JavascriptExecutor) browser.driver())
            .executeAsyncScript(
                "const cb = arguments[arguments.length - 1];"
                    + " fetch(arguments[0], {credentials: 'same-origin'}).then(r => cb(r.status), e => cb(-1));",
                path);
    return ((Number) status).longValue();
  }

  private String baseUrl() {
    return "http://localhost:" + port;
  }
}
