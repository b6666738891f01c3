package in.bontonsoftwares.deploymentrequest.schedule;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * A ticket and its moves, as {@code GET /api/change-tickets/{number}} shows it: the ticket's fields
 * plus "events".
 */
public record ChangeTicketDetails(
    @JsonUnwrapped ChangeTicket ticket, List<ChangeTicketEvent> events) {}
