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
 * /api/change-tickets[?project=&environment=&status=&from=&to=]} ({@code from}/{@code to}: days of
 * creation, ISO dates, both included) and one ticket with its events.
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
      @RequestParam(defaultValue = "0") int firstResult,
      @RequestParam(defaultValue = Page.DEFAULT_SIZE) int maxResults) {
    checkDays(from, to);
    return tickets.find(project, environment, status, from, to, new Page(firstResult, maxResults));
  }

  @GetMapping("/count")
  Map<String, Long> count(
      @RequestParam(required = false) String project,
      @RequestParam(required = false) String environment,
      @RequestParam(required = false) ChangeTicket.Status status,
      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
    checkDays(from, to);
    return Map.of("count", tickets.count(project, environment, status, from, to));
  }

  private static void checkDays(LocalDate from, LocalDate to) {
    if (from != null && to != null && to.isBefore(from)) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "'to' (%s) is before 'from' (%s)".formatted(to, from));
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
