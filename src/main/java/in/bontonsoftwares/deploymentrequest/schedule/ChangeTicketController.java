package in.bontonsoftwares.deploymentrequest.schedule;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The change register over REST: {@code GET /api/change-tickets[?project=&environment=&status=]} and one ticket. */
@RestController
@RequestMapping("/api/change-tickets")
class ChangeTicketController {

  private final ChangeTicketService tickets;

  ChangeTicketController(ChangeTicketService tickets) {
    this.tickets = tickets;
  }

  @GetMapping
  List<ChangeTicket> list(@RequestParam(required = false) String project,
      @RequestParam(required = false) String environment, @RequestParam(required = false) ChangeTicket.Status status) {
    return tickets.find(project, environment, status);
  }

  @GetMapping("/{ticketNumber}")
  ChangeTicket get(@PathVariable String ticketNumber) {
    return tickets.find(ticketNumber).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
        "No change ticket " + ticketNumber));
  }
}
