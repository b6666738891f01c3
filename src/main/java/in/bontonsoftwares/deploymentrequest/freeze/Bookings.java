package in.bontonsoftwares.deploymentrequest.freeze;

import java.time.Instant;
import java.util.List;

/**
 * The deployments that hold a window: scheduled or running, as the change register has them (its
 * tickets {@code SCHEDULED} or {@code IN_PROGRESS}). Implemented where the register lives, so that
 * the register can ask here about freezes without a cycle.
 */
public interface Bookings {

  /** Every booked deployment whose window overlaps {@code [from, to)}, of any environment. */
  List<Booking> overlapping(Instant from, Instant to);

  /**
   * The booked deployments of one application to one environment whose window overlaps {@code
   * [from, to)}, without their on-call contact (which is read from each request).
   */
  List<Booking> ofApplication(String environment, String application, Instant from, Instant to);

  /**
   * One booked deployment.
   *
   * @param onCallEmail the request's on-call contact, {@code null} when it has none
   */
  record Booking(
      String requestNumber,
      String processInstanceId,
      String environment,
      String projectName,
      String applicationName,
      Instant windowStart,
      Instant windowEnd,
      String status,
      String onCallName,
      String onCallEmail) {

    /** The same booking with the request's on-call contact. */
    public Booking withOnCall(String name, String email) {
      return new Booking(
          requestNumber,
          processInstanceId,
          environment,
          projectName,
          applicationName,
          windowStart,
          windowEnd,
          status,
          name,
          email);
    }

    boolean overlaps(Instant from, Instant to) {
      return windowStart.isBefore(to) && windowEnd.isAfter(from);
    }
  }
}
