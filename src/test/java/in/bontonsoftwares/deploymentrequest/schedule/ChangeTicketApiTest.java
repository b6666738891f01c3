package in.bontonsoftwares.deploymentrequest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** The change register over REST: filters, one ticket with its events, and who may read it. */
@DependsOnTime
@WebAppTest
class ChangeTicketApiTest {

  @Autowired TestRestTemplate http;
  @Autowired ChangeTicketService tickets;
  @Autowired DeploymentRequestProperties properties;

  @Test
  void shouldFilterTheRegisterByProjectEnvironmentStatusAndCreationDate() {
    String project = "Ledger-" + UUID.randomUUID().toString().substring(0, 8);
    ChangeTicket production = open(project, "production");
    ChangeTicket staging = open(project, "staging");
    tickets.move(
        staging.requestNumber(), ChangeTicket.Status.IN_PROGRESS, null, "Deployment window opened");
    tickets.move(
        staging.requestNumber(), ChangeTicket.Status.COMPLETED, "sam", "Health checks: passed");
    LocalDate created = TestClock.dateInAppZone(production.createdAt());
    assertThat(TestClock.dateInAppZone(staging.createdAt())).isEqualTo(created);
    String today = created.toString();
    String yesterday = created.minusDays(1).toString();
    String tomorrow = created.plusDays(1).toString();

    assertThat(numbers("/api/change-tickets?project={p}", project))
        .containsExactly(staging.ticketNumber(), production.ticketNumber());
    assertThat(numbers("/api/change-tickets?project={p}&environment=production", project))
        .containsExactly(production.ticketNumber());
    assertThat(numbers("/api/change-tickets?project={p}&status=COMPLETED", project))
        .containsExactly(staging.ticketNumber());
    assertThat(
            numbers(
                "/api/change-tickets?project={p}&status=SCHEDULED&environment=staging", project))
        .isEmpty();
    assertThat(numbers("/api/change-tickets?project={p}&from={d}&to={d}", project, today, today))
        .hasSize(2);
    assertThat(numbers("/api/change-tickets?project={p}&from={d}", project, tomorrow)).isEmpty();
    assertThat(numbers("/api/change-tickets?project={p}&to={d}", project, yesterday)).isEmpty();
    // page by page, with the count of all
    assertThat(numbers("/api/change-tickets?project={p}&firstResult=1&maxResults=1", project))
        .containsExactly(production.ticketNumber());
    assertThat(
            as("sofia")
                .getForObject("/api/change-tickets/count?project={p}", JsonNode.class, project)
                .get("count")
                .asLong())
        .isEqualTo(2);
    assertThat(as("sofia").getForEntity("/api/change-tickets?maxResults=0", String.class).getBody())
        .contains("maxResults between 1 and 500");

    JsonNode completed =
        as("sofia")
            .getForObject(
                "/api/change-tickets?project={p}&status=COMPLETED", JsonNode.class, project)
            .get(0);
    assertThat(completed.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(completed.get("startedAt").isNull()).isFalse();
    assertThat(completed.get("finishedAt").isNull()).isFalse();
  }

  @Test
  void shouldFilterTheRegisterByTheDaysItsWindowOverlaps() {
    String project = "Window-" + UUID.randomUUID().toString().substring(0, 8);
    LocalDate day = TestClock.dateInAppZone(TestClock.now()).plusDays(3);
    Instant midday = properties.startOf(day).plus(Duration.ofHours(12));
    ChangeTicket noon = open(project, "production", midday, midday.plus(Duration.ofHours(1)));
    // 23:00 to 01:00: on both days
    Instant lateEvening = properties.endOf(day).minus(Duration.ofHours(1));
    ChangeTicket overnight =
        open(project, "production", lateEvening, lateEvening.plus(Duration.ofHours(2)));
    String first = day.toString();
    String next = day.plusDays(1).toString();
    String created = TestClock.dateInAppZone(noon.createdAt()).toString();

    assertThat(
            numbers(
                "/api/change-tickets?project={p}&windowFrom={d}&windowTo={d}",
                project,
                first,
                first))
        .containsExactly(overnight.ticketNumber(), noon.ticketNumber());
    assertThat(
            numbers(
                "/api/change-tickets?project={p}&windowFrom={d}&windowTo={d}", project, next, next))
        .containsExactly(overnight.ticketNumber());
    assertThat(numbers("/api/change-tickets?project={p}&windowFrom={d}", project, next))
        .containsExactly(overnight.ticketNumber());
    assertThat(
            numbers(
                "/api/change-tickets?project={p}&windowTo={d}",
                project,
                day.minusDays(1).toString()))
        .isEmpty();
    assertThat(
            numbers(
                "/api/change-tickets?project={p}&windowFrom={d}",
                project,
                day.plusDays(2).toString()))
        .isEmpty();
    // with the day of creation, which is another day
    assertThat(
            numbers(
                "/api/change-tickets?project={p}&from={c}&to={c}&windowFrom={d}&windowTo={d}",
                project,
                created,
                created,
                next,
                next))
        .containsExactly(overnight.ticketNumber());
    assertThat(
            as("sofia")
                .getForObject(
                    "/api/change-tickets/count?project={p}&windowFrom={d}&windowTo={d}",
                    JsonNode.class,
                    project,
                    next,
                    next)
                .get("count")
                .asLong())
        .isEqualTo(1);
    assertThat(
            as("sofia")
                .getForEntity(
                    "/api/change-tickets?windowFrom={d}&windowTo={e}", String.class, next, first)
                .getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void shouldShowOneTicketWithItsEvents() {
    ChangeTicket ticket = open("Payments", "production");
    tickets.move(
        ticket.requestNumber(), ChangeTicket.Status.IN_PROGRESS, null, "Deployment window opened");
    tickets.move(
        ticket.requestNumber(), ChangeTicket.Status.ROLLED_BACK, "sam", "2.4.0 redeployed");

    JsonNode body =
        as("admin").getForObject("/api/change-tickets/{n}", JsonNode.class, ticket.ticketNumber());

    assertThat(body.get("ticketNumber").asText()).isEqualTo(ticket.ticketNumber());
    assertThat(body.get("requestNumber").asText()).isEqualTo(ticket.requestNumber());
    assertThat(body.get("status").asText()).isEqualTo("ROLLED_BACK");
    JsonNode events = body.get("events");
    assertThat(events).hasSize(3);
    assertThat(events.get(0).get("from").isNull()).isTrue();
    assertThat(events.get(0).get("to").asText()).isEqualTo("SCHEDULED");
    assertThat(events.get(2).get("from").asText()).isEqualTo("IN_PROGRESS");
    assertThat(events.get(2).get("to").asText()).isEqualTo("ROLLED_BACK");
    assertThat(events.get(2).get("by").asText()).isEqualTo("sam");
    assertThat(events.get(2).get("note").asText()).isEqualTo("2.4.0 redeployed");
    assertThat(Instant.parse(events.get(2).get("at").asText())).isBeforeOrEqualTo(TestClock.now());
  }

  @Test
  void shouldRefuseMalformedFiltersAndReadersOutsideDevSecOps() {
    assertThat(
            as("sofia")
                .getForEntity("/api/change-tickets?from=yesterday", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(
            as("sofia")
                .getForEntity("/api/change-tickets?from=2026-12-02&to=2026-12-01", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(
            as("sofia")
                .getForEntity("/api/change-tickets?status=DONE", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(as("dana").getForEntity("/api/change-tickets", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(
            as("sofia")
                .getForEntity("/api/change-tickets/CHG-1900-0001", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private ChangeTicket open(String project, String environment) {
    Instant start = TestClock.now().plus(Duration.ofDays(1));
    return open(project, environment, start, start.plus(Duration.ofHours(1)));
  }

  private ChangeTicket open(String project, String environment, Instant start, Instant end) {
    String request = "DR-T-" + UUID.randomUUID().toString().substring(0, 12);
    return tickets.open(
        new ChangeTicketService.NewTicket(
            request,
            "instance-" + request,
            project,
            "ledger-api",
            "1.0",
            environment,
            start,
            end,
            "Redeploy 0.9",
            "sofia",
            "sofia"));
  }

  private List<String> numbers(String url, Object... parameters) {
    JsonNode list = as("sofia").getForObject(url, JsonNode.class, parameters);
    List<String> numbers = new ArrayList<>();
    list.forEach(ticket -> numbers.add(ticket.get("ticketNumber").asText()));
    return numbers;
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, properties.demo().password());
  }
}
