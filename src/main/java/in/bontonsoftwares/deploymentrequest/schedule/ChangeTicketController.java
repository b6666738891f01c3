package in.bontonsoftwares.deploymentrequest.schedule;

import in.bontonsoftwares.deploymentrequest.database.Page;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The change register over REST: {@code GET
 * /api/change-tickets[?project=&environment=&status=&from=&to=&windowFrom=&windowTo=]} ({@code
 * from}/{@code to}: days of creation; {@code windowFrom}/{@code windowTo}: days the window
 * overlaps; ISO dates in the organisation's zone, both included) and one ticket with its events.
 */
@RestController
@RequestMapping("/api/change-tickets")
class ChangeTicketController {

  private final ChangeTicketService tickets;

  ChangeTicketController(ChangeTicketService tickets) {
    this.tickets = tickets;
  }

  /**
   * One page, newest first: {@code firstResult} (from 0) and {@code maxResults} as in Camunda's
   * REST API.
   */
  @GetMapping
  List<ChangeTicket> list(
      @RequestParam(required = false) String project,
      @RequestParam(required = false) String environment,
      @RequestParam(required = false) ChangeTicket.Status status,
      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate windowFrom,
      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate windowTo,
      @RequestParam(defaultValue = "0") int firstResult,
      @RequestParam(defaultValue = Page.DEFAULT_SIZE) int maxResults) {
    return tickets.find(
        search(project, environment, status, from, to, windowFrom, windowTo),
        new Page(firstResult, maxResults));
  }

  @GetMapping("/count")
  Map<String, Long> count(
      @RequestParam(required = false) String project,
      @RequestParam(required = false) String environment,
      @RequestParam(required = false) ChangeTicket.Status status,
      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate windowFrom,
      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate windowTo) {
    return Map.of(
        "count",
        tickets.count(search(project, environment, status, from, to, windowFrom, windowTo)));
  }

  private static ChangeTicketService.Search search(
      String project,
      String environment,
      ChangeTicket.Status status,
      LocalDate from,
      LocalDate to,
      LocalDate windowFrom,
      LocalDate windowTo) {
    checkDays("from", from, "to", to);
    checkDays("windowFrom", windowFrom, "windowTo", windowTo);
    return new ChangeTicketService.Search(
        project, environment, status, from, to, windowFrom, windowTo);
  }

  private static void checkDays(String fromName, LocalDate from, String toName, LocalDate to) {
    if (from != null && to != null && to.isBefore(from)) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "'%s' (%s) is before '%s' (%s)".formatted(toName, to, fromName, from));
    }
  }

  @GetMapping("/{ticketNumber}")
  ChangeTicketDetails get(@PathVariable String ticketNumber) {
    return tickets
        .details(ticketNumber)
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "No change ticket " + ticketNumber));
  }
}
