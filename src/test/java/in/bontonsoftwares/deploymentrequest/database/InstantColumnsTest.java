package in.bontonsoftwares.deploymentrequest.database;

import static org.assertj.core.api.Assertions.assertThat;

import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicket;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicketService;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicketService.NewTicket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The app's tables give back the instant they were given, whatever the machine's zone. The profile
 * {@code time-settings} runs this on a JVM in America/Adak, where 01:30 on 1 November 2026 happens
 * twice.
 */
@DependsOnTime
@SpringBootTest
@ActiveProfiles({"demo", "test"})
class InstantColumnsTest {

  /**
   * 01:30 Hawaii-Aleutian Standard Time, the second 01:30 of that night in Adak (the first is
   * daylight time).
   */
  private static final Instant SECOND_HALF_PAST_ONE_IN_ADAK = Instant.parse("2026-11-01T11:30:00Z");

  @Autowired ChangeTicketService tickets;

  @Test
  void shouldReadBackTheInstantItWroteWhenTheWallClockRepeatsAnHour() {
    // given a window that starts in the hour that daylight saving time repeats in Adak
    String request = "DR-T-" + UUID.randomUUID().toString().substring(0, 12);
    Instant start = SECOND_HALF_PAST_ONE_IN_ADAK;

    // when the ticket is opened and read back
    ChangeTicket opened = tickets.open(ticket(request, start));
    ChangeTicket read = tickets.find(opened.ticketNumber()).orElseThrow();

    // then it holds the same instants, not the same wall-clock time an hour apart
    assertThat(read.windowStart()).isEqualTo(start);
    assertThat(read.windowEnd()).isEqualTo(start.plus(Duration.ofMinutes(20)));
    assertThat(read.createdAt()).isEqualTo(opened.createdAt());
  }

  /** A ticket of {@code request} for a window of 20 minutes from {@code start}. */
  static NewTicket ticket(String request, Instant start) {
    return new NewTicket(
        request,
        "instance-" + request,
        "Ledger",
        "ledger-api",
        "1.0",
        "production",
        start,
        start.plus(Duration.ofMinutes(20)),
        "Redeploy 0.9",
        "sofia",
        "sofia");
  }
}
