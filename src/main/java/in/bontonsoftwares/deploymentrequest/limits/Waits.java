package in.bontonsoftwares.deploymentrequest.limits;

import java.time.Duration;

/** How a refusal over a limit tells the caller how long to wait: in whole seconds and in words. */
public final class Waits {

  private Waits() {}

  /** Whole seconds, rounded up, at least one: the value of a {@code Retry-After} header. */
  public static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  /**
   * "1 hour", "42 minutes", "30 seconds": whole units, rounded up; ASCII digits whatever the
   * locale.
   */
  public static String inWords(Duration wait) {
    long seconds = seconds(wait);
    if (seconds % 3600 == 0) {
      return plural(seconds / 3600, "hour");
    }
    if (seconds >= 60) {
      return plural((seconds + 59) / 60, "minute");
    }
    return plural(seconds, "second");
  }

  private static String plural(long count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }
}
