package in.bontonsoftwares.deploymentrequest.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.EngineRequests;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicketService;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

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
  @Autowired TestRestTemplate http;

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
    // a warning freeze in staging the day after: on the calendar for everyone, without a link
    long freeze = declareStagingFreeze(windowDay.plusDays(1));
    String freezeEntry =
        "freeze-%d-staging-%d"
            .formatted(
                freeze,
                windowDay.plusDays(1).atTime(10, 0).atZone(ZONE).toInstant().getEpochSecond());
    try {
      walkTheCalendar(danas, devs, windowDay, freezeEntry);
    } finally {
      http.withBasicAuth("sofia", properties.demo().password()).delete("/api/freezes/{id}", freeze);
    }
  }

  private void walkTheCalendar(String danas, String devs, LocalDate windowDay, String freeze) {

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
    WebElement frozen = event(freeze);
    assertThat(frozen.getAttribute("data-kind")).isEqualTo("FREEZE");
    assertThat(frozen.getText()).contains("Freeze: Staging data refresh - Staging");
    assertThat(frozen.getAttribute("href")).isNull();
    assertThat(browser.text(By.cssSelector("#calendar-note"))).contains("Asia/Kolkata (UTC+05:30)");
    assertThat(browser.text(By.cssSelector("#subscribe .feed-url")))
        .isEqualTo(baseUrl() + "/api/calendar.ics?token=<your token>");
    browser.shot("calendar-week-dana", own);
    ReadmeImages.save(
        "calendar-week.png", () -> browser.screenshotOf(By.cssSelector("body"), 1400, 1100));

    // another environment: nothing of production, and the address says which one
    new Select(browser.visible(By.id("environment"))).selectByValue("staging");
    browser.until(
        "production's windows gone, staging's freeze there",
        d ->
            d.findElements(By.cssSelector("#calendar [data-entry^='deployment-']")).isEmpty()
                && !d.findElements(By.cssSelector("#calendar [data-entry='" + freeze + "']"))
                    .isEmpty());
    assertThat(browser.driver().getCurrentUrl()).contains("environment=staging", "view=week");
    new Select(browser.visible(By.id("environment"))).selectByValue("production");

    browser.click(event("deployment-" + danas));
    browser.visible(By.cssSelector("#detail h2"));
    assertThat(browser.text(By.cssSelector("#detail h2"))).startsWith(danas + " · Ledger");
    browser.shot("calendar-to-request");
  }

  /** A WARN freeze of staging on that day, 10:00 to 14:00 in the app's zone: its id. */
  private long declareStagingFreeze(LocalDate day) {
    Map<String, Object> freeze = new HashMap<>();
    freeze.put("name", "Staging data refresh");
    freeze.put("reason", "Staging is reloaded from production");
    freeze.put("environments", List.of("staging"));
    freeze.put("mode", "WARN");
    freeze.put("start", day.atTime(10, 0).atZone(ZONE).toInstant().toString());
    freeze.put("end", day.atTime(14, 0).atZone(ZONE).toInstant().toString());
    ResponseEntity<JsonNode> declared =
        http.withBasicAuth("sofia", properties.demo().password())
            .postForEntity("/api/freezes", freeze, JsonNode.class);
    assertThat(declared.getStatusCode())
        .as(String.valueOf(declared.getBody()))
        .isEqualTo(HttpStatus.CREATED);
    return declared.getBody().get("freeze").get("id").asLong();
  }

  private WebElement event(String id) {
    return browser.visible(By.cssSelector("#calendar .fc-event[data-entry='" + id + "']"));
  }

  private String baseUrl() {
    return "http://localhost:" + port;
  }
}
