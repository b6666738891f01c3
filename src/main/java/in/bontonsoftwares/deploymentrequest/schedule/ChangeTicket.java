package in.bontonsoftwares.deploymentrequest.schedule;

import java.time.Instant;
import java.util.Set;

/**
 * A change-management ticket for one scheduled deployment (policy step 4).
 *
 * @param startedAt when the ticket's current window opened (the deployment went in progress), else
 *     {@code null}
 * @param finishedAt when it reached a final status (completed, rolled back or cancelled), else
 *     {@code null}
 */
public record ChangeTicket(
    String ticketNumber,
    String requestNumber,
    String processInstanceId,
    String projectName,
    String applicationName,
    String version,
    String environment,
    Instant windowStart,
    Instant windowEnd,
    String rollbackPlan,
    Status status,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant finishedAt) {

  /**
   * Where a ticket can be. SCHEDULED → IN_PROGRESS when the window opens; IN_PROGRESS → COMPLETED
   * when the deployment is verified, → ROLLED_BACK when it was rolled back, → SCHEDULED when the
   * window was not usable and a new one is set; SCHEDULED or IN_PROGRESS → CANCELLED when the
   * request ends without a deployment. The last three are final.
   */
  public enum Status {
    SCHEDULED,
    IN_PROGRESS,
    COMPLETED,
    ROLLED_BACK,
    CANCELLED;

    public boolean isFinal() {
      return this == COMPLETED || this == ROLLED_BACK || this == CANCELLED;
    }

    public boolean canMoveTo(Status next) {
      return switch (this) {
        case SCHEDULED -> Set.of(IN_PROGRESS, CANCELLED).contains(next);
        case IN_PROGRESS -> Set.of(COMPLETED, ROLLED_BACK, SCHEDULED, CANCELLED).contains(next);
        case COMPLETED, ROLLED_BACK, CANCELLED -> false;
      };
    }
  }
}
