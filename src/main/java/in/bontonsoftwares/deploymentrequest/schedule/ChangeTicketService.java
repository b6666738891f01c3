package in.bontonsoftwares.deploymentrequest.schedule;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.database.Page;
import in.bontonsoftwares.deploymentrequest.display.Readable;
import in.bontonsoftwares.deploymentrequest.numbering.NumberGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The change register ({@code CHG-<year>-<seq>}, one ticket per request): opens tickets, moves them
 * with the process and keeps every move as an event. Moves are safe to repeat, because the jobs and
 * listeners that ask for them run at least once: asking for the status a ticket already has changes
 * nothing and adds no event; a move the life cycle does not allow ({@link
 * ChangeTicket.Status#canMoveTo}) is refused.
 */
@Service
public class ChangeTicketService {

  static final String NUMBER_PREFIX = "CHG";

  private final ChangeTicketRepository repository;
  private final NumberGenerator numbers;
  private final DeploymentRequestProperties properties;
  private final Clock clock;

  ChangeTicketService(
      ChangeTicketRepository repository,
      NumberGenerator numbers,
      DeploymentRequestProperties properties,
      Clock clock) {
    this.repository = repository;
    this.numbers = numbers;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * The request's ticket for the confirmed window: a new one in status SCHEDULED the first time;
   * the existing one when the job runs again; the existing one with the new window (and an event)
   * when the deployment was rescheduled.
   */
  @Transactional
  public ChangeTicket open(NewTicket request) {
    Optional<ChangeTicket> existing = repository.findByRequestNumber(request.requestNumber());
    if (existing.isPresent()) {
      return reschedule(existing.get(), request);
    }
    Instant now = clock.instant();
    ChangeTicket ticket =
        new ChangeTicket(
            numbers.next(NUMBER_PREFIX, properties.timeZone()),
            request.requestNumber(),
            request.processInstanceId(),
            request.projectName(),
            request.applicationName(),
            request.version(),
            request.environment(),
            request.windowStart(),
            request.windowEnd(),
            request.rollbackPlan(),
            ChangeTicket.Status.SCHEDULED,
            request.createdBy(),
            now,
            now,
            null,
            null);
    repository.insert(ticket);
    repository.insertEvent(
        new ChangeTicketEvent(
            ticket.ticketNumber(),
            null,
            ChangeTicket.Status.SCHEDULED,
            now,
            request.scheduledBy(),
            "Scheduled for " + window(request.windowStart(), request.windowEnd())));
    return ticket;
  }

  private ChangeTicket reschedule(ChangeTicket ticket, NewTicket request) {
    if (ticket.windowStart().equals(request.windowStart())
        && ticket.windowEnd().equals(request.windowEnd())) {
      return ticket;
    }
    if (ticket.status() == ChangeTicket.Status.IN_PROGRESS) {
      move(
          ticket.requestNumber(),
          ChangeTicket.Status.SCHEDULED,
          request.scheduledBy(),
          "Window not usable");
    } else if (ticket.status() != ChangeTicket.Status.SCHEDULED) {
      throw new IllegalStateException(
          "Change ticket %s is %s; its window cannot move any more"
              .formatted(ticket.ticketNumber(), ticket.status()));
    }
    Instant now = clock.instant();
    if (repository.moveWindow(
        ticket.ticketNumber(), request.windowStart(), request.windowEnd(), now)) {
      repository.insertEvent(
          new ChangeTicketEvent(
              ticket.ticketNumber(),
              ChangeTicket.Status.SCHEDULED,
              ChangeTicket.Status.SCHEDULED,
              now,
              request.scheduledBy(),
              "Rescheduled from %s to %s"
                  .formatted(
                      window(ticket.windowStart(), ticket.windowEnd()),
                      window(request.windowStart(), request.windowEnd()))));
    }
    return repository.findByTicketNumber(ticket.ticketNumber()).orElseThrow();
  }

  /**
   * Moves the request's ticket to {@code to}, with an event; nothing happens when it is there
   * already.
   *
   * @param by the person who caused the move, {@code null} for the engine
   * @throws IllegalStateException when the request has no ticket or the ticket cannot move there
   */
  @Transactional
  public ChangeTicket move(String requestNumber, ChangeTicket.Status to, String by, String note) {
    ChangeTicket ticket =
        repository
            .findByRequestNumber(requestNumber)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Request " + requestNumber + " has no change ticket"));
    if (ticket.status() == to) {
      return ticket;
    }
    if (!ticket.status().canMoveTo(to)) {
      throw new IllegalStateException(
          "Change ticket %s is %s; it cannot move to %s"
              .formatted(ticket.ticketNumber(), ticket.status(), to));
    }
    Instant now = clock.instant();
    Instant startedAt =
        switch (to) {
          case IN_PROGRESS -> now;
          case SCHEDULED -> null;
          default -> ticket.startedAt();
        };
    Instant finishedAt = to.isFinal() ? now : null;
    if (repository.moveStatus(
        ticket.ticketNumber(), ticket.status(), to, now, startedAt, finishedAt)) {
      repository.insertEvent(
          new ChangeTicketEvent(ticket.ticketNumber(), ticket.status(), to, now, by, note));
    }
    return repository.findByTicketNumber(ticket.ticketNumber()).orElseThrow();
  }

  /**
   * Adds a note to the request's ticket without moving it: what a pipeline reported, a GO of the
   * gate. Does nothing when the request has no ticket.
   *
   * @param by who it was, {@code null} for the engine
   */
  @Transactional
  public void note(String requestNumber, String by, String note) {
    repository
        .findByRequestNumber(requestNumber)
        .ifPresent(
            ticket ->
                repository.insertEvent(
                    new ChangeTicketEvent(
                        ticket.ticketNumber(),
                        ticket.status(),
                        ticket.status(),
                        clock.instant(),
                        by,
                        note)));
  }

  /** Cancels the request's ticket if it has one that is not final yet; returns whether it did. */
  @Transactional
  public boolean cancelIfOpen(String requestNumber, String by, String note) {
    Optional<ChangeTicket> ticket = repository.findByRequestNumber(requestNumber);
    if (ticket.isEmpty() || ticket.get().status().isFinal()) {
      return false;
    }
    move(requestNumber, ChangeTicket.Status.CANCELLED, by, note);
    return true;
  }

  public Optional<ChangeTicket> find(String ticketNumber) {
    return repository.findByTicketNumber(ticketNumber);
  }

  public Optional<ChangeTicket> findByRequestNumber(String requestNumber) {
    return repository.findByRequestNumber(requestNumber);
  }

  /** A ticket with every move it made, oldest first. */
  public Optional<ChangeTicketDetails> details(String ticketNumber) {
    return repository
        .findByTicketNumber(ticketNumber)
        .map(ticket -> new ChangeTicketDetails(ticket, repository.events(ticketNumber)));
  }

  /** The register, newest first, filtered by whatever {@code search} gives. */
  public List<ChangeTicket> find(Search search, Page page) {
    return repository.find(criteria(search), page);
  }

  public long count(Search search) {
    return repository.count(criteria(search));
  }

  /**
   * The tickets whose window overlaps {@code [from, before)}, in {@code environment} ({@code null}:
   * any), earliest window first: at most {@code limit}, whatever their status.
   */
  public List<ChangeTicket> withWindowIn(
      String environment, Instant from, Instant before, int limit) {
    return repository.overlapping(environment, from, before, limit);
  }

  private ChangeTicketRepository.Criteria criteria(Search search) {
    return new ChangeTicketRepository.Criteria(
        search.project(),
        search.environment(),
        search.status(),
        properties.startOf(search.createdFrom()),
        properties.endOf(search.createdTo()),
        properties.startOf(search.windowFrom()),
        properties.endOf(search.windowTo()));
  }

  /**
   * What the register is searched by, each {@code null} for any. The days are days in the
   * organisation's time zone, both included: {@code createdFrom}/{@code createdTo} the day the
   * ticket was opened, {@code windowFrom}/{@code windowTo} the days its window overlaps (a window
   * from 23:00 to 01:00 is on both days).
   */
  public record Search(
      String project,
      String environment,
      ChangeTicket.Status status,
      LocalDate createdFrom,
      LocalDate createdTo,
      LocalDate windowFrom,
      LocalDate windowTo) {}

  String window(Instant start, Instant end) {
    return Readable.dateTime(start, properties.timeZone())
        + " - "
        + Readable.dateTime(end, properties.timeZone());
  }

  /**
   * What a ticket is opened from.
   *
   * @param createdBy the reviewer who approved the request
   * @param scheduledBy the person who confirmed the window
   */
  public record NewTicket(
      String requestNumber,
      String processInstanceId,
      String projectName,
      String applicationName,
      String version,
      String environment,
      Instant windowStart,
      Instant windowEnd,
      String rollbackPlan,
      String createdBy,
      String scheduledBy) {}
}
