package in.bontonsoftwares.deploymentrequest.pipeline;

import java.time.Instant;
import java.util.List;

/**
 * A request as {@code GET /api/deployment-requests/{number}} shows it. Windows and times are UTC
 * instants (ISO-8601).
 */
record RequestStatus(
    String requestNumber,
    RequestState state,
    String stateDescription,
    String projectName,
    String applicationName,
    String environment,
    String version,
    String commitSha,
    String pipelineRunUrl,
    String artifactDigest,
    Person requester,
    Window preferredWindow,
    Window confirmedWindow,
    Ticket changeTicket,
    List<OpenTask> openTasks,
    List<TimelineStep> timeline,
    Instant submittedAt,
    Instant endedAt,
    Links links) {

  record Person(String id, String name, String email) {}

  record Window(Instant start, Instant end) {}

  record Ticket(String number, String status) {}

  /**
   * An open task and who holds it: its assignee, or while nobody claimed it, its candidate groups;
   * with the full names of both.
   */
  record OpenTask(
      String id,
      String name,
      String taskDefinitionKey,
      List<String> candidateGroups,
      List<String> candidateGroupNames,
      String assignee,
      String assigneeName,
      Instant created,
      Instant due) {}

  /** A finished step: what, when, and who did it (none for automatic steps), with their name. */
  record TimelineStep(String activityId, String step, Instant at, String by, String byName) {}

  /** {@code page}: the request's page for people, {@code /requests.html?request=<number>}. */
  record Links(
      String self,
      String gate,
      String events,
      String tasklist,
      String page,
      String record,
      String recordPdf) {}
}
