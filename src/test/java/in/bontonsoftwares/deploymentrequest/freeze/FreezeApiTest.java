package in.bontonsoftwares.deploymentrequest.freeze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code /api/freezes} over HTTP: DevSecOps declare, change and remove freezes, everyone signed in
 * reads them, a developer's write is refused before anything changes, bad input is a 400 with the
 * reason, a holiday calendar is imported, and the configuration's freeze is there once.
 */
@DependsOnTime
@WebAppTest(
    properties = {
      "deployment-request.freezes.seed[0].name=Seeded year-end freeze",
      "deployment-request.freezes.seed[0].reason=Year-end closing",
      "deployment-request.freezes.seed[0].environments=production",
      "deployment-request.freezes.seed[0].projects=Seeded-project",
      "deployment-request.freezes.seed[0].mode=BLOCK",
      "deployment-request.freezes.seed[0].start=2030-12-24T00:00",
      "deployment-request.freezes.seed[0].end=2031-01-02T00:00"
    })
class FreezeApiTest {

  static final String WEEKEND_ICS =
      """
      BEGIN:VCALENDAR\r
      VERSION:2.0\r
      PRODID:-//Example//Holidays//EN\r
      BEGIN:VEVENT\r
      UID:christmas-2030@example.com\r
      DTSTAMP:20300101T000000Z\r
      SUMMARY:Christmas Day %1$s\r
      DESCRIPTION:Public holiday\r
      DTSTART;VALUE=DATE:%2$d1225\r
      DTEND;VALUE=DATE:%2$d1226\r
      END:VEVENT\r
      BEGIN:VEVENT\r
      UID:weekend@example.com\r
      DTSTAMP:20300101T000000Z\r
      SUMMARY:Weekend %1$s\r
      DTSTART;TZID=Europe/Berlin:%3$sT230000\r
      DTEND;TZID=Europe/Berlin:%4$sT070000\r
      RRULE:FREQ=WEEKLY;BYDAY=FR\r
      EXDATE;TZID=Europe/Berlin:%5$sT230000\r
      END:VEVENT\r
      END:VCALENDAR\r
      """;

  /** Next year's calendar: a Christmas holiday and every weekend in Berlin from January on. */
  static String calendar(String tag) {
    int year = TestClock.now().atZone(ZoneOffset.UTC).getYear() + 1;
    LocalDate friday = firstFriday(year);
    return WEEKEND_ICS.formatted(
        tag, year, basic(friday), basic(friday.plusDays(3)), basic(friday.plusWeeks(12)));
  }

  static LocalDate firstFriday(int year) {
    return LocalDate.of(year, 1, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.FRIDAY));
  }

  static String basic(LocalDate date) {
    return date.format(DateTimeFormatter.BASIC_ISO_DATE);
  }

  @Autowired TestRestTemplate http;
  @Autowired DeploymentRequestProperties properties;
  @Autowired JdbcTemplate jdbc;
  @Autowired FreezeSeeder seeder;

  @Test
  void shouldLetDevSecOpsDeclareChangeAndRemoveAFreezeThatEveryoneReads() {
    String name = "Release freeze " + UUID.randomUUID();
    Instant start = TestClock.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.MINUTES);
    Map<String, Object> freeze =
        oneOff(name, start.toString(), start.plus(Duration.ofDays(2)).toString());

    // when sofia declares it
    ResponseEntity<JsonNode> created =
        as("sofia").postForEntity("/api/freezes", freeze, JsonNode.class);

    // then it is stored and readable by a developer
    assertThat(created.getStatusCode())
        .as(String.valueOf(created.getBody()))
        .isEqualTo(HttpStatus.CREATED);
    long id = created.getBody().get("freeze").get("id").asLong();
    assertThat(created.getHeaders().getLocation()).hasToString("/api/freezes/" + id);
    assertThat(created.getBody().get("freeze").get("createdBy").asText()).isEqualTo("sofia");
    JsonNode read = as("dana").getForObject("/api/freezes/{id}", JsonNode.class, id);
    assertThat(read.get("freeze").get("name").asText()).isEqualTo(name);
    assertThat(read.get("freeze").get("mode").asText()).isEqualTo("BLOCK");
    assertThat(Instant.parse(read.get("nextPeriods").get(0).get("start").asText()))
        .isEqualTo(start);
    assertThat(names(as("quinn"), "/api/freezes?environment=production&maxResults=500"))
        .contains(name);
    assertThat(names(as("quinn"), "/api/freezes?environment=testing&maxResults=500"))
        .doesNotContain(name);
    assertThat(names(as("dana"), "/api/freezes?firstResult=0&maxResults=1")).hasSize(1);

    // when admin changes it into a recurring WARN freeze
    Map<String, Object> changed = new HashMap<>(freeze);
    changed.remove("start");
    changed.remove("end");
    changed.put("mode", "WARN");
    changed.put("recurrence", "FREQ=MONTHLY;BYMONTHDAY=-1");
    changed.put("timeZone", "Asia/Kolkata");
    changed.put("localStart", "2030-01-31T18:00");
    changed.put("duration", "PT15H");
    ResponseEntity<JsonNode> updated =
        as("admin")
            .exchange(
                "/api/freezes/{id}", HttpMethod.PUT, new HttpEntity<>(changed), JsonNode.class, id);
    assertThat(updated.getStatusCode())
        .as(String.valueOf(updated.getBody()))
        .isEqualTo(HttpStatus.OK);
    assertThat(updated.getBody().get("freeze").get("mode").asText()).isEqualTo("WARN");
    assertThat(updated.getBody().get("freeze").get("createdBy").asText()).isEqualTo("sofia");
    assertThat(updated.getBody().get("freeze").get("updatedBy").asText()).isEqualTo("admin");

    // when sofia removes it, it is gone
    assertThat(
            as("sofia")
                .exchange("/api/freezes/{id}", HttpMethod.DELETE, null, String.class, id)
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(as("dana").getForEntity("/api/freezes/{id}", String.class, id).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldRefuseADeveloperWritingFreezesBeforeAnythingChanges() {
    String name = "Kept " + UUID.randomUUID();
    long id =
        as("sofia")
            .postForObject(
                "/api/freezes",
                oneOff(name, "2030-07-01T00:00Z", "2030-07-02T00:00Z"),
                JsonNode.class)
            .get("freeze")
            .get("id")
            .asLong();
    long before = count();

    Map<String, Object> intruder =
        oneOff("Dana's freeze", "2030-07-01T00:00Z", "2030-07-02T00:00Z");
    ResponseEntity<JsonNode> refused =
        as("dana").postForEntity("/api/freezes", intruder, JsonNode.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // with the reason, as problem details
    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(refused.getBody().get("detail").asText())
        .isEqualTo("Your groups (developers) may not POST /api/freezes");
    assertThat(
            as("dana")
                .exchange(
                    "/api/freezes/{id}",
                    HttpMethod.PUT,
                    new HttpEntity<>(intruder),
                    String.class,
                    id)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(
            as("dana")
                .exchange("/api/freezes/{id}", HttpMethod.DELETE, null, String.class, id)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("quinn").postForEntity("/api/freezes", intruder, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(importCalendar(as("dana"), calendar("dana"), "production", "BLOCK").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.postForEntity("/api/freezes", intruder, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    // nothing stored, nothing changed
    assertThat(count()).isEqualTo(before);
    assertThat(jdbc.queryForObject("select name from freeze_period where id = ?", String.class, id))
        .isEqualTo(name);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from freeze_period where name like 'Dana%' or name like '%dana'",
                Long.class))
        .isZero();
  }

  @Test
  void shouldAnswerBadInputWithTheReasonNeverAStackTrace() {
    long before = count();
    Map<String, Object> recurring = new HashMap<>();
    recurring.put("name", "Bad " + UUID.randomUUID());
    recurring.put("environments", List.of("production"));
    recurring.put("mode", "BLOCK");
    recurring.put("recurrence", "FREQ=WEEKLY;BYDAY=XX");
    recurring.put("timeZone", "Mars/Olympus_Mons");
    recurring.put("localStart", "2030-01-04T23:00");
    recurring.put("duration", "PT56H");

    assertBadRequest(
        as("sofia").postForEntity("/api/freezes", recurring, JsonNode.class),
        "Unknown time zone 'Mars/Olympus_Mons'",
        "recurrence 'FREQ=WEEKLY;BYDAY=XX' is not an RFC 5545 RRULE");
    assertBadRequest(
        as("sofia")
            .postForEntity(
                "/api/freezes",
                oneOff("Backwards", "2030-07-02T00:00Z", "2030-07-01T00:00Z"),
                JsonNode.class),
        "end (2030-07-01T00:00Z) must be after start (2030-07-02T00:00Z).");
    Map<String, Object> unknown = oneOff(" ", "2030-07-01T00:00Z", "2030-07-02T00:00Z");
    unknown.put("environments", List.of("production", "<script>"));
    assertBadRequest(
        as("sofia").postForEntity("/api/freezes", unknown, JsonNode.class),
        "name is required.",
        "Unknown environment '<script>'");
    assertBadRequest(
        importCalendar(
            as("sofia"), "BEGIN:VCALENDAR\r\nthis is no calendar", "production", "BLOCK"),
        "is not an iCalendar file");
    assertBadRequest(
        importCalendar(as("sofia"), calendar("x"), "production", "SOMETIMES"),
        "mode must be BLOCK or WARN");

    // a body that is no JSON, an id that is no number: 400 without a trace either
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> garbled =
        as("sofia")
            .postForEntity("/api/freezes", new HttpEntity<>("{\"name\": [", json), String.class);
    assertThat(garbled.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(garbled.getBody()).doesNotContain("at com.", "at org.", "Exception:");
    ResponseEntity<String> noNumber = as("dana").getForEntity("/api/freezes/one", String.class);
    assertThat(noNumber.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noNumber.getBody()).doesNotContain("at com.", "at org.");

    // a name taken: 409
    String name = "Taken " + UUID.randomUUID();
    as("sofia")
        .postForEntity(
            "/api/freezes", oneOff(name, "2030-07-01T00:00Z", "2030-07-02T00:00Z"), JsonNode.class);
    ResponseEntity<JsonNode> twice =
        as("sofia")
            .postForEntity(
                "/api/freezes",
                oneOff(name, "2030-08-01T00:00Z", "2030-08-02T00:00Z"),
                JsonNode.class);
    assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(twice.getBody().get("detail").asText())
        .isEqualTo("A freeze named '%s' exists already.".formatted(name));
    assertThat(count()).isEqualTo(before + 1);
  }

  @Test
  void shouldImportAHolidayCalendarOnceAndKeepItsZones() {
    String tag = UUID.randomUUID().toString().substring(0, 8);

    // when sofia imports a calendar with a holiday and a recurring Berlin weekend
    ResponseEntity<JsonNode> imported =
        importCalendar(as("sofia"), calendar(tag), "production,staging", "BLOCK");

    // then both are freezes of both environments
    int year = TestClock.now().atZone(ZoneOffset.UTC).getYear() + 1;
    LocalDate friday = firstFriday(year);
    assertThat(imported.getStatusCode())
        .as(String.valueOf(imported.getBody()))
        .isEqualTo(HttpStatus.CREATED);
    JsonNode created = imported.getBody().get("created");
    assertThat(created).hasSize(2);
    JsonNode christmas = created.get(0).get("freeze");
    assertThat(christmas.get("name").asText())
        .isEqualTo("Christmas Day " + tag + " (" + year + "-12-25)");
    assertThat(christmas.get("reason").asText()).isEqualTo("Public holiday");
    assertThat(christmas.get("environments").toString()).isEqualTo("[\"production\",\"staging\"]");
    // the whole day in the app's zone (Asia/Kolkata)
    assertThat(christmas.get("startsAt").asText()).isEqualTo(year + "-12-24T18:30:00Z");
    assertThat(christmas.get("endsAt").asText()).isEqualTo(year + "-12-25T18:30:00Z");
    JsonNode weekend = created.get(1).get("freeze");
    assertThat(weekend.get("name").asText()).isEqualTo("Weekend " + tag);
    assertThat(weekend.get("recurrenceRule").asText()).isEqualTo("FREQ=WEEKLY;BYDAY=FR");
    assertThat(weekend.get("timeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(weekend.get("localStart").asText()).startsWith(friday + "T23:00");
    assertThat(weekend.get("duration").asText()).isEqualTo("PT56H");
    assertThat(weekend.get("exceptionDates").toString())
        .isEqualTo("[\"" + friday.plusWeeks(12) + "\"]");
    // Friday 23:00 in Berlin (CET) is 22:00 UTC
    assertThat(Instant.parse(created.get(1).get("nextPeriods").get(0).get("start").asText()))
        .isEqualTo(friday.atTime(22, 0).toInstant(ZoneOffset.UTC));

    // and importing it again changes nothing
    long before = count();
    ResponseEntity<JsonNode> again =
        importCalendar(as("admin"), calendar(tag), "production,staging", "BLOCK");
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().get("created")).isEmpty();
    assertThat(again.getBody().get("existing")).hasSize(2);
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void shouldCreateTheConfiguredFreezeOnce() {
    assertThat(
            jdbc.queryForObject(
                "select count(*) from freeze_period where name = 'Seeded year-end freeze' and created_by = 'configuration'",
                Long.class))
        .isOne();
    long before = count();

    seeder.run(null);

    assertThat(count()).isEqualTo(before);
    JsonNode seeded =
        as("dana")
            .getForObject("/api/freezes?environment=production&maxResults=500", JsonNode.class);
    List<String> projects = new ArrayList<>();
    seeded.forEach(
        freeze -> {
          if (freeze.get("name").asText().equals("Seeded year-end freeze")) {
            projects.add(freeze.get("projects").get(0).asText());
            assertThat(freeze.get("startsAt").asText()).isEqualTo("2030-12-23T18:30:00Z");
          }
        });
    assertThat(projects).containsExactly("Seeded-project");
  }

  static Map<String, Object> oneOff(String name, String start, String end) {
    Map<String, Object> freeze = new HashMap<>();
    freeze.put("name", name);
    freeze.put("reason", "Release train");
    freeze.put("environments", List.of("production"));
    freeze.put("mode", "BLOCK");
    freeze.put("start", start);
    freeze.put("end", end);
    return freeze;
  }

  private ResponseEntity<JsonNode> importCalendar(
      TestRestTemplate as, String ics, String environments, String mode) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("text/calendar"));
    return as.postForEntity(
        "/api/freezes/import?environments={e}&mode={m}",
        new HttpEntity<>(ics, headers),
        JsonNode.class,
        environments,
        mode);
  }

  private static void assertBadRequest(ResponseEntity<JsonNode> answer, String... problems) {
    assertThat(answer.getStatusCode())
        .as(String.valueOf(answer.getBody()))
        .isEqualTo(HttpStatus.BAD_REQUEST);
    String body = answer.getBody().toString();
    for (String problem : problems) {
      assertThat(body).contains(problem);
    }
    assertThat(answer.getBody().get("problems").isArray()).isTrue();
    assertThat(body).doesNotContain("at in.bontonsoftwares", "at org.", "Exception:");
  }

  private List<String> names(TestRestTemplate as, String url) {
    List<String> names = new ArrayList<>();
    as.getForObject(url, JsonNode.class).forEach(freeze -> names.add(freeze.get("name").asText()));
    return names;
  }

  private long count() {
    return as("sofia").getForObject("/api/freezes/count", JsonNode.class).get("count").asLong();
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, properties.demo().password());
  }
}
