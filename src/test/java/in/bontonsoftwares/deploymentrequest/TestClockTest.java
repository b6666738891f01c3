package in.bontonsoftwares.deploymentrequest;

import static org.assertj.core.api.Assertions.assertThat;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Locale;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The time the tests run at is the time of the engine and of the app, and the moment a setting asks
 * for.
 */
@DependsOnTime
@SpringBootTest
@ActiveProfiles({"demo", "test"})
class TestClockTest {

  @Autowired Clock clock;
  @Autowired DeploymentRequestProperties properties;

  @Test
  void shouldGiveTheAppTheEnginesTimeInTheZoneTheTestsAssume() {
    // given the engine's clock set to a moment
    Instant moment = Instant.parse("2030-02-28T18:29:59Z");
    long offset = TestClock.offset();
    ClockUtil.setCurrentTime(Date.from(moment));
    try {
      // then the app reads that moment too
      assertThat(clock.instant()).isEqualTo(moment);
      assertThat(LocalDate.now(clock.withZone(properties.timeZone())))
          .isEqualTo(LocalDate.parse("2030-02-28"));
    } finally {
      TestClock.restore(offset);
    }
    // and the tests' zone is the app's
    assertThat(properties.timeZone()).isEqualTo(TestClock.APP_ZONE);
    assertThat(Duration.between(TestClock.now(), clock.instant()).abs())
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void shouldRunAtTheMomentTheSettingAsksFor() {
    ZonedDateTime now = TestClock.nowInAppZone();
    switch (System.getProperty(TestClock.PROPERTY, "")) {
      case TestClock.EARLY_IN_MONTH -> assertThat(now.getDayOfMonth()).isBetween(1, 9);
      case TestClock.YEAR_END ->
          assertThat(
                  now.getMonthValue() == 12 && now.getDayOfMonth() == 31 && now.getHour() == 23
                      || now.getMonthValue() == 1 && now.getDayOfMonth() == 1 && now.getHour() == 0)
              .as("around midnight of 31 December: %s", now)
              .isTrue();
      case "" ->
          assertThat(Duration.between(Instant.now(), now.toInstant()).abs())
              .isLessThan(Duration.ofSeconds(5));
      default ->
          assertThat(now.toInstant())
              .isAfterOrEqualTo(
                  TestClock.moment(System.getProperty(TestClock.PROPERTY), Instant.now())
                      .minus(Duration.ofHours(1)));
    }
  }

  /**
   * The profile "time-settings" says which machine zone and locale it runs under; they must have
   * taken effect.
   */
  @Test
  void shouldRunUnderTheMachineZoneAndLocaleTheProfileSets() {
    String zone = System.getProperty("test.expect.jvm-zone");
    String locale = System.getProperty("test.expect.jvm-locale");
    Assumptions.assumeTrue(zone != null && locale != null, "not run by the time-settings profile");
    assertThat(ZoneId.systemDefault()).isEqualTo(ZoneId.of(zone));
    assertThat(Locale.getDefault().toLanguageTag()).isEqualTo(locale);
  }

  @Test
  void shouldPickTheNextMomentOfEachSetting() {
    Instant firstOfDecember =
        ZonedDateTime.parse("2026-12-01T10:00+05:30[Asia/Kolkata]").toInstant();
    Instant thirdAfterHalfPastNine =
        ZonedDateTime.parse("2026-12-03T09:31+05:30[Asia/Kolkata]").toInstant();
    Instant newYearsEveLate =
        ZonedDateTime.parse("2026-12-31T23:45+05:30[Asia/Kolkata]").toInstant();

    assertThat(TestClock.moment(TestClock.EARLY_IN_MONTH, firstOfDecember))
        .isEqualTo(ZonedDateTime.parse("2026-12-03T09:30+05:30[Asia/Kolkata]").toInstant());
    assertThat(TestClock.moment(TestClock.EARLY_IN_MONTH, thirdAfterHalfPastNine))
        .isEqualTo(ZonedDateTime.parse("2027-01-03T09:30+05:30[Asia/Kolkata]").toInstant());
    assertThat(TestClock.moment(TestClock.YEAR_END, firstOfDecember))
        .isEqualTo(ZonedDateTime.parse("2026-12-31T23:30+05:30[Asia/Kolkata]").toInstant());
    assertThat(TestClock.moment(TestClock.YEAR_END, newYearsEveLate))
        .isEqualTo(ZonedDateTime.parse("2027-12-31T23:30+05:30[Asia/Kolkata]").toInstant());
    assertThat(TestClock.moment("2027-03-05T09:30+05:30", firstOfDecember))
        .isEqualTo(Instant.parse("2027-03-05T04:00:00Z"));
  }
}
