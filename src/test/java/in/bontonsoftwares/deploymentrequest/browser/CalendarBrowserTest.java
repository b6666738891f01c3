package in.bontonsoftwares.deploymentrequest.browser;

import static org.assertj.core.api.Assertions.assertThat;

import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.EngineRequests;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicketService;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The change calendar in a real browser, reached from Tasklist with its one sign-in: a developer's
 * scheduled deployment in the week of its window, linking to its request, another developer's
 * window beside it as a busy block without details, and the environment filter. The page is opened
 * at the window's date (never "today"), so the test holds on any day.
 */
@DependsOnTime
@WebAppTest
class CalendarBrowserTest {

  private static final ZoneId ZONE = TestClock.APP_ZONE;

  @RegisterExtension static final BrowserExtension BROWSER = new BrowserExtension(ZONE);

  @LocalServerPort int port;
  @Autowired DeploymentRequestProperties properties;
  @Autowired ProcessEngine engine;
  @Autowired ChangeTicketService tickets;

  private Browser browser;
  private Tasklist tasklist;
  private EngineRequests requests;

  @BeforeEach
  void setUp() {
    browser = BROWSER.browser();
    tasklist = new Tasklist(browser, baseUrl());
    requests = EngineRequests.of(engine, properties);
  }

  @Test
  void shouldShowAScheduledDeploymentInTheWeekOfItsWindowLinkingToItsRequest() {
    String danas = requests.inReview("dana", "Ledger");
    requests.scheduleForLater(danas);
    String devs = requests.inReview("dev", "Inventory");
    requests.scheduleForLater(devs);
    LocalDate windowDay =
        tickets.findByRequestNumber(danas).orElseThrow().windowStart().atZone(ZONE).toLocalDate();

    // signed out, the page says how to sign in instead of asking for a password
    browser.open(baseUrl() + "/calendar.html");
    assertThat(browser.visible(By.cssSelector("#problem a.sign-in")).getText())
        .isEqualTo("Sign in to Tasklist");

    tasklist.loginAs("dana", properties.demo().password());
    browser.click(By.cssSelector("[cam-widget-header] li.drp-calendar-link a"));
    browser.visible(By.cssSelector("#calendar .fc-dayGridMonth-view"));
    browser.shot("calendar-month-today");

    browser.open(baseUrl() + "/calendar.html?view=week&date=" + windowDay);
    browser.visible(By.cssSelector("#calendar .fc-timeGridWeek-view"));
    WebElement own = event("deployment-" + danas);
    assertThat(own.getTagName()).isEqualTo("a");
    assertThat(own.getAttribute("href")).endsWith("/requests.html?request=" + danas);
    assertThat(own.getText()).contains(danas, "Ledger");
    assertThat(own.getAttribute("data-kind")).isEqualTo("DEPLOYMENT_SCHEDULED");
    WebElement busy = browser.visible(By.cssSelector("#calendar .fc-event.busy"));
    assertThat(busy.getText()).contains("Busy: a deployment to Production");
    assertThat(busy.getAttribute("href")).isNull();
    assertThat(browser.text(By.cssSelector("#calendar"))).doesNotContain(devs, "Inventory");
    assertThat(browser.text(By.cssSelector("#calendar-note"))).contains("Asia/Kolkata (UTC+05:30)");
    assertThat(browser.text(By.cssSelector("#subscribe .feed-url")))
        .isEqualTo(baseUrl() + "/api/calendar.ics?token=<your token>");
    browser.shot("calendar-week-dana", own);
    ReadmeImages.save(
        "calendar-week.png", () -> browser.screenshotOf(By.cssSelector("body"), 1400, 1100));

    // another environment: nothing of production, and the address says which one
    new Select(browser.visible(By.id("environment"))).selectByValue("staging");
    browser.until(
        "production's windows gone",
        d -> d.findElements(By.cssSelector("#calendar [data-entry]")).isEmpty());
    assertThat(browser.driver().getCurrentUrl()).contains("environment=staging", "view=week");
    new Select(browser.visible(By.id("environment"))).selectByValue("production");

    browser.click(event("deployment-" + danas));
    browser.visible(By.cssSelector("#detail h2"));
    assertThat(browser.text(By.cssSelector("#detail h2"))).startsWith(danas + " · Ledger");
    browser.shot("calendar-to-request");
  }

  private WebElement event(String id) {
    return browser.visible(By.cssSelector("#calendar .fc-event[data-entry='" + id + "']"));
  }

  private String baseUrl() {
    return "http://localhost:" + port;
  }
}
