package in.bontonsoftwares.deploymentrequest.schedule;

import java.time.Instant;

/** A change-management ticket for one scheduled deployment (policy step 4). */
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
    Instant updatedAt) {

  public enum Status { SCHEDULED, IN_PROGRESS, COMPLETED, ROLLED_BACK, CANCELLED }
}
