package in.bontonsoftwares.deploymentrequest.freeze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import in.bontonsoftwares.deploymentrequest.config.FreezeProperties.Declaration;
import in.bontonsoftwares.deploymentrequest.request.RequestValidationException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Freeze periods without the app: the checks of a declared freeze, and recurrences expanded by
 * iCal4j across daylight saving time, a year's end and exception dates. Fixed instants only.
 */
class FreezeTest {

  static final ZoneId APP_ZONE = ZoneId.of("Asia/Kolkata");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Instant DECLARED = Instant.parse("2026-11-02T09:00:00Z");

  static Freeze declare(Declaration input) {
    return FreezeRules.freeze(input, APP_ZONE, "sofia", DECLARED);
  }

  static Declaration weekly(String rule, String localStart, String duration, List<String> except) {
    return new Declaration(
        "Weekend freeze",
        "No deployments at weekends",
        List.of("production"),
        List.of(),
        "BLOCK",
        null,
        null,
        rule,
        "Europe/Berlin",
        localStart,
        duration,
        except);
  }

  /** Every weekend from Friday 23:00 to Monday 07:00 in Berlin, from 1 January 2027. */
  static Freeze weekend() {
    return declare(weekly("FREQ=WEEKLY;BYDAY=FR", "2027-01-01T23:00", "PT56H", null));
  }

  static List<Freeze.Occurrence> between(Freeze freeze, String from, String to) {
    return freeze.occurrences(Instant.parse(from), Instant.parse(to));
  }

  static Freeze.Occurrence period(String start, String end) {
    return new Freeze.Occurrence(Instant.parse(start), Instant.parse(end));
  }

  static LocalDateTime berlin(Instant instant) {
    return instant.atZone(BERLIN).toLocalDateTime();
  }

  @Test
  void shouldKeepTheWallClockOfAWeekendFreezeWhenDaylightSavingTimeStarts() {
    // given: every weekend from Friday 23:00 to Monday 07:00 in Berlin, from 1 January 2027
    Freeze weekend = weekend();

    // when: the weekend of Sunday 28 March 2027, when Berlin moves from CET to CEST
    List<Freeze.Occurrence> periods =
        between(weekend, "2027-03-25T00:00:00Z", "2027-03-30T00:00:00Z");

    // then: still Friday 23:00 to Monday 07:00 on the wall clock, one hour shorter in time
    assertThat(periods).hasSize(1);
    assertThat(periods.get(0).start()).isEqualTo(Instant.parse("2027-03-26T22:00:00Z"));
    assertThat(periods.get(0).end()).isEqualTo(Instant.parse("2027-03-29T05:00:00Z"));
    assertThat(berlin(periods.get(0).start())).isEqualTo(LocalDateTime.parse("2027-03-26T23:00"));
    assertThat(berlin(periods.get(0).end())).isEqualTo(LocalDateTime.parse("2027-03-29T07:00"));
  }

  @Test
  void shouldKeepTheWallClockOfAWeekendFreezeWhenDaylightSavingTimeEnds() {
    Freeze weekend = weekend();

    // the weekend of Sunday 31 October 2027, back from CEST to CET
    List<Freeze.Occurrence> periods =
        between(weekend, "2027-10-28T00:00:00Z", "2027-11-02T00:00:00Z");

    assertThat(periods).containsExactly(period("2027-10-29T21:00:00Z", "2027-11-01T06:00:00Z"));
    assertThat(berlin(periods.get(0).end())).isEqualTo(LocalDateTime.parse("2027-11-01T07:00"));
  }

  @Test
  void shouldFindAPeriodThatBeganBeforeTheWindowAndStillLasts() {
    Freeze weekend = weekend();

    // a Sunday noon hour: inside the weekend that began on Friday
    List<Freeze.Occurrence> periods =
        between(weekend, "2027-06-13T10:00:00Z", "2027-06-13T11:00:00Z");

    assertThat(periods).containsExactly(period("2027-06-11T21:00:00Z", "2027-06-14T05:00:00Z"));
    // and Monday 07:00 on is free again
    assertThat(between(weekend, "2027-06-14T05:00:00Z", "2027-06-14T06:00:00Z")).isEmpty();
  }

  @Test
  void shouldCarryAMonthEndFreezeAcrossTheYearsEnd() {
    // given: month-end closing, from the last day of each month 18:00 for 2 days 15 hours (IST)
    Freeze monthEnd =
        declare(
            new Declaration(
                "Month-end closing",
                "Finance closes the books",
                List.of("production", "staging"),
                List.of("Ledger"),
                "BLOCK",
                null,
                null,
                "FREQ=MONTHLY;BYMONTHDAY=-1",
                "Asia/Kolkata",
                "2026-01-31T18:00",
                "P2DT15H",
                null));

    // when: a window on 2 January 2027, and the whole turn of the year
    List<Freeze.Occurrence> newYear =
        between(monthEnd, "2027-01-02T04:30:00Z", "2027-01-02T05:30:00Z");
    List<Freeze.Occurrence> turn =
        between(monthEnd, "2026-12-15T00:00:00Z", "2027-02-15T00:00:00Z");

    // then: the December period holds it, from 31 December 18:00 to 3 January 09:00 IST
    Freeze.Occurrence december = period("2026-12-31T12:30:00Z", "2027-01-03T03:30:00Z");
    assertThat(newYear).containsExactly(december);
    assertThat(turn)
        .containsExactly(december, period("2027-01-31T12:30:00Z", "2027-02-03T03:30:00Z"));
    assertThat(monthEnd.covers("staging", "Ledger")).isTrue();
    assertThat(monthEnd.covers("staging", "Payments")).isFalse();
    assertThat(monthEnd.covers("testing", "Ledger")).isFalse();
  }

  @Test
  void shouldSkipTheExceptionDates() {
    // given: the weekend freeze, but not the Easter weekend starting Friday 26 March 2027
    Freeze weekend =
        declare(weekly("FREQ=WEEKLY;BYDAY=FR", "2027-01-01T23:00", "PT56H", List.of("2027-03-26")));

    List<Freeze.Occurrence> march =
        between(weekend, "2027-03-18T00:00:00Z", "2027-04-06T00:00:00Z");

    assertThat(march)
        .extracting(period -> berlin(period.start()).toLocalDate().toString())
        .containsExactly("2027-03-19", "2027-04-02");
  }

  @Test
  void shouldCountTheFirstOccurrenceAndStopAtTheRulesEnd() {
    Freeze fourWeekends =
        declare(weekly("FREQ=WEEKLY;BYDAY=FR;COUNT=4", "2027-01-01T23:00", "PT56H", null));

    List<Freeze.Occurrence> all =
        between(fourWeekends, "2026-12-01T00:00:00Z", "2027-12-01T00:00:00Z");

    assertThat(all)
        .extracting(period -> berlin(period.start()).toLocalDate().toString())
        .containsExactly("2027-01-01", "2027-01-08", "2027-01-15", "2027-01-22");
    // nothing before the first
    assertThat(between(fourWeekends, "2026-12-25T00:00:00Z", "2026-12-31T00:00:00Z")).isEmpty();
  }

  @Test
  void shouldReadAOneOffFreezeInItsZoneOrWithItsOffset() {
    Freeze yearEnd =
        declare(
            new Declaration(
                "Year-end freeze",
                null,
                List.of("production"),
                null,
                "warn",
                "2026-12-24T00:00",
                "2027-01-04T00:00+05:30",
                null,
                null,
                null,
                null,
                null));

    assertThat(yearEnd.mode()).isEqualTo(Freeze.Mode.WARN);
    assertThat(yearEnd.startsAt()).isEqualTo(Instant.parse("2026-12-23T18:30:00Z"));
    assertThat(yearEnd.endsAt()).isEqualTo(Instant.parse("2027-01-03T18:30:00Z"));
    assertThat(between(yearEnd, "2027-01-03T18:00:00Z", "2027-01-03T19:00:00Z")).hasSize(1);
    assertThat(between(yearEnd, "2027-01-03T18:30:00Z", "2027-01-03T19:00:00Z")).isEmpty();
  }

  @Test
  void shouldNameEveryProblemOfAFreeze() {
    RequestValidationException refused =
        catchThrowableOfType(
            () ->
                declare(
                    new Declaration(
                        " ",
                        null,
                        List.of("production", "moon"),
                        null,
                        "SOMETIMES",
                        null,
                        null,
                        "FREQ=FORTNIGHTLY",
                        "Europe/Atlantis",
                        "next friday",
                        "-PT1H",
                        List.of("soon"))),
            RequestValidationException.class);

    assertThat(refused.problems())
        .anyMatch(p -> p.contains("name is required"))
        .anyMatch(p -> p.contains("Unknown environment 'moon'"))
        .anyMatch(p -> p.contains("mode must be BLOCK or WARN"))
        .anyMatch(p -> p.contains("recurrence 'FREQ=FORTNIGHTLY' is not an RFC 5545 RRULE"))
        .anyMatch(p -> p.contains("Unknown time zone 'Europe/Atlantis'"))
        .anyMatch(p -> p.contains("localStart 'next friday'"))
        .anyMatch(p -> p.contains("duration must be longer than zero"))
        .anyMatch(p -> p.contains("exception date 'soon'"));
  }

  @Test
  void shouldRefuseAOneOffFreezeThatEndsBeforeItStarts() {
    RequestValidationException refused =
        catchThrowableOfType(
            () ->
                declare(
                    new Declaration(
                        "Backwards",
                        null,
                        List.of("staging"),
                        null,
                        "BLOCK",
                        "2027-01-04T00:00Z",
                        "2027-01-03T00:00Z",
                        null,
                        "+02:00",
                        null,
                        null,
                        null)),
            RequestValidationException.class);

    assertThat(refused.problems()).anyMatch(p -> p.contains("Unknown time zone '+02:00'"));
    RequestValidationException backwards =
        catchThrowableOfType(
            () ->
                declare(
                    new Declaration(
                        "Backwards",
                        null,
                        List.of("staging"),
                        null,
                        "BLOCK",
                        "2027-01-04T00:00Z",
                        "2027-01-03T00:00Z",
                        null,
                        null,
                        null,
                        null,
                        null)),
            RequestValidationException.class);
    assertThat(backwards.problems())
        .containsExactly("end (2027-01-03T00:00Z) must be after start (2027-01-04T00:00Z).");
  }

  @Test
  void shouldRefuseARuleThatRepeatsMoreOftenThanDaily() {
    RequestValidationException refused =
        catchThrowableOfType(
            () -> declare(weekly("FREQ=MINUTELY", "2027-01-01T23:00", "PT1M", null)),
            RequestValidationException.class);

    assertThat(refused.problems()).anyMatch(p -> p.contains("DAILY, WEEKLY, MONTHLY or YEARLY"));
  }
}
