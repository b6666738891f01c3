package in.bontonsoftwares.deploymentrequest.health;

import java.time.Duration;

/**
 * One check ready to run: its name (unique within the request), how often and how many times it
 * measures, its limits and its probe.
 */
record CheckDefinition(
    String name,
    Duration interval,
    int count,
    int failureLimit,
    int inconclusiveLimit,
    Probe probe) {

  /**
   * How many measurements make the analysis in {@code phase}: {@code count} during execution; in
   * the watch window as many as its intervals hold, at least one.
   */
  int count(Phase phase, Duration watchWindow) {
    if (phase == Phase.EXECUTION) {
      return count;
    }
    long intervals = watchWindow.toMillis() / Math.max(1, interval.toMillis());
    return (int) Math.max(1, Math.min(intervals, 100_000));
  }
}
