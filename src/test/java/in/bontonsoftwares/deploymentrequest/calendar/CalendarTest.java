package in.bontonsoftwares.deploymentrequest.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.EngineRequests;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicket;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicketService;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The change calendar over HTTP: who sees which deployment window as what, and the iCalendar feed
 * read back with iCal4j as a subscribing calendar would, with the token in its URL. Every window is
 * where the requests' own scheduling put it, so nothing depends on today's date.
 */
@DependsOnTime
@WebAppTest(
    properties = {
      // the loggers that would write a request's query string: the feed's token must not be there
      "logging.level.org.springframework.security.web.FilterChainProxy=DEBUG",
      "logging.level.org.springframework.web.servlet.DispatcherServlet=DEBUG"
    })
@ExtendWith(OutputCaptureExtension.class)
class CalendarTest {

  @Autowired TestRestTemplate http;
  @Autowired DeploymentRequestProperties properties;
  @Autowired ChangeTicketService tickets;
  @Autowired ProcessEngine engine;

  private EngineRequests requests;

  @BeforeEach
  void setUp() {
    requests = EngineRequests.of(engine, properties);
  }

  @Test
  void shouldShowADeveloperTheirOwnWindowsAndOthersOnlyAsBusyBlocks() {
    String danas = scheduled("dana", "Ledger");
    String devs = scheduled("dev", "Inventory");
    ChangeTicket ticket = ticket(danas);

    JsonNode forDana = entries("dana", ticket, null);
    JsonNode own = entry(forDana, "deployment-" + danas);
    assertThat(own.get("kind").asText()).isEqualTo("DEPLOYMENT_SCHEDULED");
    assertThat(own.get("status").asText()).isEqualTo("Scheduled");
    assertThat(own.get("title").asText())
        .isEqualTo(danas + " Ledger - Production (payments-api 2.4.1)");
    assertThat(Instant.parse(own.get("start").asText())).isEqualTo(ticket.windowStart());
    assertThat(Instant.parse(own.get("end").asText())).isEqualTo(ticket.windowEnd());
    assertThat(own.get("environment").asText()).isEqualTo("production");
    assertThat(own.get("link").asText()).isEqualTo("/requests.html?request=" + danas);
    assertThat(own.get("description").asText()).contains(ticket.ticketNumber());
    assertThat(own.get("busy").asBoolean()).isFalse();
    // dev's window is there, but nothing says whose or what it is
    List<JsonNode> busy = busyEntries(forDana);
    assertThat(busy)
        .isNotEmpty()
        .allSatisfy(
            block -> {
              assertThat(block.get("id").asText()).startsWith("busy-");
              assertThat(block.get("title").asText()).isEqualTo("Busy: a deployment to Production");
              assertThat(block.get("link").isNull()).isTrue();
            });
    assertThat(busy)
        .anySatisfy(
            block ->
                assertThat(Instant.parse(block.get("start").asText()))
                    .isEqualTo(ticket(devs).windowStart()));
    assertThat(forDana.toString())
        .doesNotContain(devs, "Inventory", ticket(devs).ticketNumber(), "Devon");

    JsonNode forSofia = entries("sofia", ticket, null);
    assertThat(entry(forSofia, "deployment-" + danas).get("busy").asBoolean()).isFalse();
    assertThat(entry(forSofia, "deployment-" + devs).get("title").asText()).contains("Inventory");
    assertThat(busyEntries(forSofia)).isEmpty();

    // per environment: both are production deployments
    assertThat(ids(entries("sofia", ticket, "production")))
        .contains("deployment-" + danas, "deployment-" + devs);
    assertThat(entries("sofia", ticket, "staging")).isEmpty();
    // a range that ends when the window starts does not overlap it
    assertThat(
            ids(
                as("sofia")
                    .getForObject(
                        "/api/calendar?from={f}&to={t}",
                        JsonNode.class,
                        ticket.windowStart().minus(Duration.ofDays(1)),
                        ticket.windowStart())))
        .doesNotContain("deployment-" + danas);
  }

  @Test
  void shouldRefuseBadRangesAndSignedOutCallers() {
    assertThat(status(as("dana"), "/api/calendar?from=2026-12-01")).isEqualTo(400);
    assertThat(status(as("dana"), "/api/calendar?from=2026-12-02&to=2026-12-01")).isEqualTo(400);
    assertThat(status(as("dana"), "/api/calendar?from=tomorrow&to=2026-12-01")).isEqualTo(400);
    assertThat(status(as("dana"), "/api/calendar?from=2026-01-01&to=2026-12-31")).isEqualTo(400);
    assertThat(status(as("dana"), "/api/calendar?from=2026-12-01&to=2026-12-07&environment=moon"))
        .isEqualTo(400);
    assertThat(status(as("dana"), "/api/calendar?from=2026-12-01&to=2026-12-07")).isEqualTo(200);
    assertThat(status(http, "/api/calendar?from=2026-12-01&to=2026-12-07")).isEqualTo(401);
    assertThat(status(as("dana"), "/api/calendar.ics?environment=moon")).isEqualTo(400);
  }

  @Test
  void shouldServeAFeedThatCalendarsReadWithTheTokenInItsAddress(CapturedOutput output)
      throws Exception {
    String danas = scheduled("dana", "Billing");
    String devs = scheduled("dev", "Catalog");
    ChangeTicket ticket = ticket(danas);
    String token = token("dana");

    ResponseEntity<String> answer =
        http.getForEntity(
            "/api/calendar.ics?environment=production&token={t}", String.class, token);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(
            answer
                .getHeaders()
                .getContentType()
                .isCompatibleWith(MediaType.parseMediaType("text/calendar")))
        .isTrue();
    Calendar calendar = new CalendarBuilder().build(new StringReader(answer.getBody()));
    assertThat(value(calendar, Property.METHOD)).isEqualTo("PUBLISH");
    VEvent event = event(calendar, "deployment-" + danas + "@bontonsoftwares.in");
    assertThat(value(event, Property.DTSTART)).isEqualTo(utc(ticket.windowStart()));
    assertThat(value(event, Property.DTEND)).isEqualTo(utc(ticket.windowEnd()));
    assertThat(value(event, Property.DTSTAMP)).isEqualTo(utc(ticket.updatedAt()));
    assertThat(value(event, Property.SUMMARY))
        .isEqualTo(danas + " Billing - Production (payments-api 2.4.1)");
    assertThat(value(event, Property.DESCRIPTION))
        .contains("Change ticket: " + ticket.ticketNumber(), "Window: ");
    assertThat(value(event, Property.URL))
        .isEqualTo(properties.baseUrl() + "/requests.html?request=" + danas);
    assertThat(value(event, Property.STATUS)).isEqualTo("CONFIRMED");
    // dev's request is a busy block for dana, without its number, project or link
    List<VEvent> busy =
        events(calendar).stream()
            .filter(e -> value(e, Property.UID).startsWith("busy-"))
            .filter(e -> value(e, Property.DTSTART).equals(utc(ticket(devs).windowStart())))
            .toList();
    assertThat(busy)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.getProperty(Property.URL)).isEmpty());
    assertThat(answer.getBody()).doesNotContain(devs, "Catalog");

    // a window that will not be used: the same event, now cancelled, not a second one
    tickets.move(danas, ChangeTicket.Status.CANCELLED, "admin", "Request deleted");
    Calendar again =
        new CalendarBuilder()
            .build(
                new StringReader(
                    http.getForObject("/api/calendar.ics?token={t}", String.class, token)));
    VEvent cancelled = event(again, "deployment-" + danas + "@bontonsoftwares.in");
    assertThat(value(cancelled, Property.STATUS)).isEqualTo("CANCELLED");
    assertThat(value(cancelled, Property.SUMMARY)).endsWith("[Cancelled]");

    // the token as a header works too; nothing logged its secret, though the loggers ran
    HttpHeaders bearer = new HttpHeaders();
    bearer.setBearerAuth(token);
    assertThat(
            http.exchange(
                    "/api/calendar.ics", HttpMethod.GET, new HttpEntity<>(bearer), String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(output.getAll()).contains("/api/calendar.ics").doesNotContain(token);
    assertThat(output.getAll()).doesNotContain(token.substring(4));
  }

  @Test
  void shouldRefuseTheFeedWithoutAGoodTokenAndTakeNoTokenFromAnyOtherAddress(
      CapturedOutput output) {
    String token = token("dana");
    String wrong = "drp_" + "A".repeat(43);

    assertThat(status(http, "/api/calendar.ics")).isEqualTo(401);
    ResponseEntity<String> refused =
        http.getForEntity("/api/calendar.ics?token={t}", String.class, wrong);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(refused.getBody()).contains("\"status\":401").doesNotContain(wrong);
    assertThat(status(http, "/api/calendar.ics?token=")).isEqualTo(401);
    assertThat(status(http, "/api/calendar.ics?token=" + token + "x")).isEqualTo(401);
    // only the feed reads a token from its address; elsewhere it is refused before any log
    ResponseEntity<String> elsewhere =
        http.getForEntity(
            "/api/calendar?from=2026-12-01&to=2026-12-07&token={t}", String.class, token);
    assertThat(elsewhere.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(elsewhere.getBody()).contains("Only the calendar feed reads a token");
    assertThat(
            as("dana").getForEntity("/api/tokens?token={t}", String.class, token).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(
            http.getForEntity("/api/calendar.ics?environment=moon&token={t}", String.class, token)
                .getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);

    // a feed token opens nothing but the feed, in a header neither
    HttpHeaders bearer = new HttpHeaders();
    bearer.setBearerAuth(token);
    for (String path : List.of("/api/me", "/api/deployment-requests", "/engine-rest/task")) {
      ResponseEntity<JsonNode> other =
          http.exchange(path, HttpMethod.GET, new HttpEntity<>(bearer), JsonNode.class);
      assertThat(other.getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(other.getBody().get("detail").asText())
          .as(path)
          .isEqualTo(
              "The token calendar feed may only read the calendar feed (GET /api/calendar.ics)");
    }
    // and a token that can do everything is refused in an address: it would be published there
    String api = token("dana", "API");
    ResponseEntity<JsonNode> published =
        http.getForEntity("/api/calendar.ics?token={t}", JsonNode.class, api);
    assertThat(published.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(published.getBody().get("detail").asText())
        .startsWith("Only a token of scope CALENDAR_FEED may stand in an address");
    bearer.setBearerAuth(api);
    assertThat(
            http.exchange(
                    "/api/calendar.ics", HttpMethod.GET, new HttpEntity<>(bearer), String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(output.getAll()).doesNotContain(token.substring(4), wrong, api.substring(4));
  }

  @Test
  void shouldShowEveryoneTheFreezePeriodsOnThePageAndInTheFeed() throws Exception {
    // a warning freeze in testing, far ahead, so that no other test's window meets it
    Instant start = TestClock.now().plus(Duration.ofDays(200)).truncatedTo(ChronoUnit.MINUTES);
    Instant end = start.plus(Duration.ofDays(2));
    String name = "Audit, year end; " + UUID.randomUUID();
    Map<String, Object> freeze = new HashMap<>();
    freeze.put("name", name);
    freeze.put("reason", "Auditors on site");
    freeze.put("environments", List.of("testing"));
    freeze.put("mode", "WARN");
    freeze.put("start", start.toString());
    freeze.put("end", end.toString());
    ResponseEntity<JsonNode> declared =
        as("sofia").postForEntity("/api/freezes", freeze, JsonNode.class);
    assertThat(declared.getStatusCode())
        .as(String.valueOf(declared.getBody()))
        .isEqualTo(HttpStatus.CREATED);
    long id = declared.getBody().get("freeze").get("id").asLong();
    String entryId = "freeze-%d-testing-%d".formatted(id, start.getEpochSecond());

    try {
      // a developer sees it whole, not as a busy block
      JsonNode entries =
          as("dana")
              .getForObject(
                  "/api/calendar?from={f}&to={t}&environment=testing",
                  JsonNode.class,
                  start.minus(Duration.ofDays(1)),
                  end.plus(Duration.ofDays(1)));
      JsonNode entry = entry(entries, entryId);
      assertThat(entry.get("kind").asText()).isEqualTo("FREEZE");
      assertThat(entry.get("title").asText()).isEqualTo("Freeze: " + name + " - Testing");
      assertThat(entry.get("busy").asBoolean()).isFalse();
      assertThat(Instant.parse(entry.get("start").asText())).isEqualTo(start);
      assertThat(Instant.parse(entry.get("end").asText())).isEqualTo(end);
      assertThat(entry.get("description").asText())
          .contains("deployments flagged", "Reason: Auditors on site");
      assertThat(ids(entries(as("dana"), start, end, "production"))).doesNotContain(entryId);

      // and the feed carries it, its comma and semicolon escaped and read back as typed
      Calendar calendar =
          new CalendarBuilder()
              .build(
                  new StringReader(
                      http.getForObject(
                          "/api/calendar.ics?environment=testing&token={t}",
                          String.class,
                          token("dana"))));
      VEvent event = event(calendar, entryId + "@bontonsoftwares.in");
      assertThat(value(event, Property.SUMMARY)).isEqualTo("Freeze: " + name + " - Testing");
      assertThat(value(event, Property.DTSTART)).isEqualTo(utc(start));
      assertThat(value(event, Property.DTEND)).isEqualTo(utc(end));
    } finally {
      as("sofia").delete("/api/freezes/{id}", id);
    }
    assertThat(ids(entries(as("dana"), start, end, "testing"))).doesNotContain(entryId);
  }

  private JsonNode entries(TestRestTemplate as, Instant start, Instant end, String environment) {
    return as.getForObject(
        "/api/calendar?from={f}&to={t}&environment={e}",
        JsonNode.class,
        start.minus(Duration.ofDays(1)),
        end.plus(Duration.ofDays(1)),
        environment);
  }

  private String scheduled(String requester, String project) {
    String number = requests.inReview(requester, project);
    requests.scheduleForLater(number);
    return number;
  }

  private ChangeTicket ticket(String requestNumber) {
    return tickets.findByRequestNumber(requestNumber).orElseThrow();
  }

  /** What {@code user} sees from a day before the ticket's window to a day after it. */
  private JsonNode entries(String user, ChangeTicket around, String environment) {
    String url = "/api/calendar?from={f}&to={t}" + (environment == null ? "" : "&environment={e}");
    ResponseEntity<JsonNode> answer =
        as(user)
            .getForEntity(
                url,
                JsonNode.class,
                around.windowStart().minus(Duration.ofDays(1)),
                around.windowEnd().plus(Duration.ofDays(1)),
                environment);
    assertThat(answer.getStatusCode())
        .as(String.valueOf(answer.getBody()))
        .isEqualTo(HttpStatus.OK);
    return answer.getBody();
  }

  private static JsonNode entry(JsonNode entries, String id) {
    for (JsonNode entry : entries) {
      if (entry.get("id").asText().equals(id)) {
        return entry;
      }
    }
    throw new AssertionError("No entry " + id + " in " + entries);
  }

  private static List<JsonNode> busyEntries(JsonNode entries) {
    List<JsonNode> busy = new ArrayList<>();
    entries.forEach(
        entry -> {
          if (entry.get("busy").asBoolean()) {
            busy.add(entry);
          }
        });
    return busy;
  }

  private static List<String> ids(JsonNode entries) {
    List<String> ids = new ArrayList<>();
    entries.forEach(entry -> ids.add(entry.get("id").asText()));
    return ids;
  }

  /** A calendar-feed token of {@code user}, as the README tells people to make one. */
  private String token(String user) {
    return token(user, "CALENDAR_FEED");
  }

  private String token(String user, String scope) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> created =
        as(user)
            .postForEntity(
                "/api/tokens",
                new HttpEntity<>(Map.of("name", "calendar feed", "scope", scope), headers),
                JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return created.getBody().get("token").asText();
  }

  private static List<VEvent> events(Calendar calendar) {
    return calendar.getComponents(Component.VEVENT);
  }

  private static VEvent event(Calendar calendar, String uid) {
    List<VEvent> matching =
        events(calendar).stream().filter(e -> value(e, Property.UID).equals(uid)).toList();
    assertThat(matching).as("events with UID " + uid).hasSize(1);
    return matching.get(0);
  }

  private static String value(Calendar calendar, String property) {
    return calendar.getProperty(property).orElseThrow().getValue();
  }

  private static String value(VEvent event, String property) {
    return event
        .getProperty(property)
        .orElseThrow(() -> new AssertionError("No " + property + " in " + event))
        .getValue();
  }

  /** An instant as iCalendar writes it in UTC: {@code 20261203T173000Z}. */
  private static String utc(Instant instant) {
    return instant
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        .toString()
        .replace("-", "")
        .replace(":", "");
  }

  private int status(TestRestTemplate client, String url) {
    return client.getForEntity(url, String.class).getStatusCode().value();
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, properties.demo().password());
  }
}
