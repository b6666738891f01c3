package in.bontonsoftwares.deploymentrequest.freeze;

import java.time.Instant;
import java.util.List;

/** What the change calendar shows of the freezes: their periods in a stretch of time. */
public interface FreezePeriods {

  /**
   * Every period of every freeze of {@code environment} ({@code null}: of any) that overlaps {@code
   * [from, to)}, BLOCK before WARN, each freeze's in time order.
   */
  List<Period> periods(String environment, Instant from, Instant to);

  /**
   * One period of a freeze.
   *
   * @param block {@code BLOCK} (no deployment) rather than {@code WARN}
   * @param projects the projects it covers; empty: all of the environments'
   */
  record Period(
      long freezeId,
      String name,
      String reason,
      boolean block,
      List<String> environments,
      List<String> projects,
      Instant start,
      Instant end,
      Instant updatedAt) {}
}
