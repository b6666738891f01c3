package in.bontonsoftwares.deploymentrequest.display;

import static org.assertj.core.api.Assertions.assertThat;

import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The one format people read, whatever the JVM's zone and locale. */
@DependsOnTime
class ReadableTest {

  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

  @Test
  void shouldWriteADateTimeWithItsZoneWhenShownToPeople() {
    Instant instant = Instant.parse("2026-12-01T22:00:00Z");

    assertThat(Readable.dateTime(instant, KOLKATA))
        .isEqualTo("2 Dec 2026, 03:30 IST (Asia/Kolkata)");
    assertThat(Readable.dateTime(instant, ZoneId.of("UTC"))).isEqualTo("1 Dec 2026, 22:00 UTC");
    assertThat(Readable.dateTime(Instant.parse("2026-07-01T10:00:00Z"), ZoneId.of("Europe/Berlin")))
        .isEqualTo("1 Jul 2026, 12:00 CEST (Europe/Berlin)");
    assertThat(Readable.dateTime(null, KOLKATA)).isEmpty();
  }

  @Test
  void shouldWriteATimeOfDayToTheSecondWithTheZonesAbbreviation() {
    Instant instant = Instant.parse("2026-12-01T06:31:05.700Z");

    assertThat(Readable.timeOfDay(instant, KOLKATA)).isEqualTo("12:01:05 IST");
    assertThat(
            Readable.timeOfDay(Instant.parse("2026-07-01T10:00:00Z"), ZoneId.of("Europe/Berlin")))
        .isEqualTo("12:00:00 CEST");
    assertThat(Readable.timeOfDay(null, KOLKATA)).isEmpty();
  }

  @Test
  void shouldWriteDurationsInWordsWithTheTwoLargestUnits() {
    assertThat(Readable.duration("PT6M31.05S")).isEqualTo("6 min 31 s");
    assertThat(Readable.duration(Duration.ofHours(51))).isEqualTo("2 days 3 h");
    assertThat(Readable.duration(Duration.ofDays(2))).isEqualTo("2 days");
    assertThat(Readable.duration(Duration.ofDays(1).plusMinutes(5))).isEqualTo("1 day");
    assertThat(Readable.duration(Duration.ofMinutes(65))).isEqualTo("1 h 5 min");
    assertThat(Readable.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
    assertThat(Readable.duration(Duration.ofMillis(300))).isEqualTo("0 s");
    assertThat(Readable.duration("P2D")).isEqualTo("2 days");
    assertThat(Readable.duration("not a duration")).isEqualTo("not a duration");
  }

  @Test
  void shouldReadTheLabelsOfOptionValuesFromTheForms() {
    Labels labels = new Labels();

    assertThat(labels.of("reviewDecision", "requestChanges")).isEqualTo("Request changes");
    assertThat(labels.of("riskLevel", "medium")).isEqualTo("Medium");
    assertThat(labels.of("deploymentOutcome", "rolledBack")).isEqualTo("Rolled back");
    assertThat(labels.of("executionOutcome", "success")).isEqualTo("Deployed successfully");
    assertThat(labels.of("riskLevel", "unheard-of")).isEqualTo("unheard-of");
  }
}
