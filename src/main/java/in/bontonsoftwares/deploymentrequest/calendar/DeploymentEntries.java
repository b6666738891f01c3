package in.bontonsoftwares.deploymentrequest.calendar;

import in.bontonsoftwares.deploymentrequest.config.CalendarProperties;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.display.Readable;
import in.bontonsoftwares.deploymentrequest.numbering.NumberGenerator;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.request.Environment;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicket;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicketService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The deployments on the calendar: every change ticket's window, which is the confirmed window of
 * its request (one ticket per request, moved with the process). Whether the caller may read a
 * request is the engine's answer, as for {@code /api/deployment-requests}: its history is queried
 * with the caller's authorizations (the requester's own grant, DevSecOps', QA's, pipelines' and
 * admins' read of the history). A window the caller may not read is a busy block without details
 * ({@code deployment-request.calendar.others-as-busy}), or left out.
 */
@Component
class DeploymentEntries implements CalendarEntrySource {

  /** More windows than any calendar view holds; a range with more is cut at the latest ones. */
  static final int LIMIT = 2_000;

  /** Ids per history query: well within every database's limit on an {@code in} list. */
  private static final int IDS_PER_QUERY = 500;

  private final ChangeTicketService tickets;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final CalendarProperties calendar;
  private final ZoneId zone;

  DeploymentEntries(
      ChangeTicketService tickets,
      HistoryService historyService,
      IdentityService identityService,
      CalendarProperties calendar,
      DeploymentRequestProperties properties) {
    this.tickets = tickets;
    this.historyService = historyService;
    this.identityService = identityService;
    this.calendar = calendar;
    this.zone = properties.timeZone();
  }

  @Override
  public List<CalendarEntry> entries(
      String environment, Instant from, Instant before, Caller caller) {
    List<ChangeTicket> windows = tickets.withWindowIn(environment, from, before, LIMIT);
    Set<String> readable = readable(windows, caller);
    List<CalendarEntry> entries = new ArrayList<>();
    for (ChangeTicket ticket : windows) {
      if (readable.contains(ticket.processInstanceId())) {
        entries.add(entry(ticket));
      } else if (calendar.othersAsBusy()) {
        entries.add(busy(ticket));
      }
    }
    return entries;
  }

  /** The requests of {@code windows} that the caller may read, by process instance id. */
  private Set<String> readable(List<ChangeTicket> windows, Caller caller) {
    List<String> ids = windows.stream().map(ChangeTicket::processInstanceId).distinct().toList();
    Set<String> readable = new HashSet<>();
    Authentication previous = identityService.getCurrentAuthentication();
    identityService.setAuthentication(caller.id(), caller.groups());
    try {
      for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
        historyService
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(DeploymentRequestProcess.KEY)
            .processInstanceIds(Set.copyOf(ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY))))
            .list()
            .stream()
            .map(HistoricProcessInstance::getId)
            .forEach(readable::add);
      }
    } finally {
      if (previous != null) {
        identityService.setAuthentication(previous);
      } else {
        identityService.clearAuthentication();
      }
    }
    return readable;
  }

  private CalendarEntry entry(ChangeTicket ticket) {
    String number = NumberGenerator.requireValid(ticket.requestNumber());
    String environment = Environment.labelOf(ticket.environment());
    List<String> description = new ArrayList<>();
    description.add("Deployment request " + number + ": " + status(ticket.status()));
    description.add(
        "Project: %s; application: %s %s; environment: %s"
            .formatted(
                ticket.projectName(), ticket.applicationName(), ticket.version(), environment));
    description.add(
        "Window: %s - %s"
            .formatted(
                Readable.dateTime(ticket.windowStart(), zone),
                Readable.dateTime(ticket.windowEnd(), zone)));
    description.add("Change ticket: " + ticket.ticketNumber());
    if (ticket.startedAt() != null) {
      description.add("Window opened: " + Readable.dateTime(ticket.startedAt(), zone));
    }
    if (ticket.finishedAt() != null) {
      description.add(
          status(ticket.status()) + ": " + Readable.dateTime(ticket.finishedAt(), zone));
    }
    return new CalendarEntry(
        "deployment-" + number,
        kind(ticket.status()),
        status(ticket.status()),
        "%s %s - %s (%s %s)"
            .formatted(
                number,
                ticket.projectName(),
                environment,
                ticket.applicationName(),
                ticket.version()),
        ticket.windowStart(),
        ticket.windowEnd(),
        ticket.environment(),
        "/requests.html?request=" + URLEncoder.encode(number, StandardCharsets.UTF_8),
        String.join("\n", description),
        false,
        ticket.updatedAt());
  }

  /**
   * Only what the window is: kind, time and environment. Its id is opaque (a hash of the ticket
   * number), so that it names no request or team either.
   */
  private CalendarEntry busy(ChangeTicket ticket) {
    String environment = Environment.labelOf(ticket.environment());
    return new CalendarEntry(
        "busy-" + hash(ticket.ticketNumber()),
        kind(ticket.status()),
        status(ticket.status()),
        "Busy: a deployment to " + environment,
        ticket.windowStart(),
        ticket.windowEnd(),
        ticket.environment(),
        null,
        "Another team's deployment window in "
            + environment
            + ". Only those who may read the request see what it is.",
        true,
        ticket.updatedAt());
  }

  static CalendarEntry.Kind kind(ChangeTicket.Status status) {
    return switch (status) {
      case SCHEDULED -> CalendarEntry.Kind.DEPLOYMENT_SCHEDULED;
      case IN_PROGRESS -> CalendarEntry.Kind.DEPLOYMENT_RUNNING;
      case COMPLETED, ROLLED_BACK -> CalendarEntry.Kind.DEPLOYMENT_FINISHED;
      case CANCELLED -> CalendarEntry.Kind.DEPLOYMENT_CANCELLED;
    };
  }

  private static String status(ChangeTicket.Status status) {
    return switch (status) {
      case SCHEDULED -> "Scheduled";
      case IN_PROGRESS -> "In progress";
      case COMPLETED -> "Completed";
      case ROLLED_BACK -> "Rolled back";
      case CANCELLED -> "Cancelled";
    };
  }

  private static String hash(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
