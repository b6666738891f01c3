package in.bontonsoftwares.deploymentrequest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The moment the tests run at. By default the real time. With the system property {@value
 * #PROPERTY} the whole test JVM runs at another moment, still ticking: the engine and the app share
 * Camunda's clock ({@code ClockUtil}, see {@code config.ClockConfiguration}), and this launcher
 * session listener moves it once, before the first test.
 *
 * <ul>
 *   <li>{@value #EARLY_IN_MONTH}: the next 3rd of a month at 09:30 in the app's zone (single-digit
 *       days);
 *   <li>{@value #YEAR_END}: the next 31 December at 23:30 in the app's zone (the year and the
 *       request numbers roll over during the run's windows);
 *   <li>an ISO date-time with its offset, e.g. {@code 2027-03-05T09:30+05:30}.
 * </ul>
 *
 * The moments lie ahead, never behind: a browser's date picker, which knows the real date, refuses
 * past dates. Tests that need "now" ask {@link #now()} (or the app's {@code Clock}), never {@code
 * Instant.now()}.
 */
public final class TestClock implements LauncherSessionListener {

  public static final String PROPERTY = "test.clock";
  public static final String EARLY_IN_MONTH = "early-in-month";
  public static final String YEAR_END = "year-end";

  /**
   * The app's {@code deployment-request.time-zone} in application.yaml; the tests check that they
   * agree.
   */
  public static final ZoneId APP_ZONE = ZoneId.of("Asia/Kolkata");

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String setting = System.getProperty(PROPERTY, "");
    if (!setting.isBlank()) {
      Instant target = moment(setting, Instant.now());
      ClockUtil.offset(target.toEpochMilli() - System.currentTimeMillis());
    }
  }

  /** The moment a setting names, as seen from the real {@code now}. */
  static Instant moment(String setting, Instant now) {
    ZonedDateTime local = now.atZone(APP_ZONE);
    return switch (setting) {
      case EARLY_IN_MONTH ->
          next(
              local,
              date -> date.withDayOfMonth(3),
              date -> date.plusMonths(1),
              LocalTime.of(9, 30));
      case YEAR_END ->
          next(
              local,
              date -> MonthDay.of(12, 31).atYear(date.getYear()),
              date -> date.plusYears(1),
              LocalTime.of(23, 30));
      default -> OffsetDateTime.parse(setting).toInstant();
    };
  }

  private static Instant next(
      ZonedDateTime now,
      UnaryOperator<LocalDate> inThisPeriod,
      UnaryOperator<LocalDate> nextPeriod,
      LocalTime time) {
    ZonedDateTime candidate =
        LocalDateTime.of(inThisPeriod.apply(now.toLocalDate()), time).atZone(APP_ZONE);
    if (!candidate.isAfter(now)) {
      candidate =
          LocalDateTime.of(inThisPeriod.apply(nextPeriod.apply(now.toLocalDate())), time)
              .atZone(APP_ZONE);
    }
    return candidate.toInstant();
  }

  /** Now, for the engine, the app and the tests. */
  public static Instant now() {
    return ClockUtil.now().toInstant();
  }

  /** How far the clock is ahead of the machine's, for {@link #restore(long)}. */
  public static long offset() {
    return ClockUtil.now().getTime() - System.currentTimeMillis();
  }

  /**
   * Moves the clock of the engine, the app and the tests ahead, still ticking: what a wait would
   * do, at once.
   */
  public static void advance(Duration by) {
    ClockUtil.offset(offset() + by.toMillis());
  }

  /** Sets the clock back to an {@link #offset()} taken before {@link #advance(Duration)}. */
  public static void restore(long offset) {
    ClockUtil.reset();
    ClockUtil.offset(offset);
  }

  /** Now in the app's zone. */
  public static ZonedDateTime nowInAppZone() {
    return now().atZone(APP_ZONE);
  }

  /** The date of an instant in the app's zone: the date mails, records and lists show. */
  public static LocalDate dateInAppZone(Instant instant) {
    return instant.atZone(APP_ZONE).toLocalDate();
  }
}
