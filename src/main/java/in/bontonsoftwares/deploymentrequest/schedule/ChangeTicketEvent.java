package in.bontonsoftwares.deploymentrequest.schedule;

import java.time.Instant;

/**
 * One move of a change ticket: {@code from} is {@code null} when the ticket was opened; {@code
 * from} equals {@code to} (SCHEDULED) when its window was moved. {@code by} is the person who
 * caused it, {@code null} for the engine (a timer).
 */
public record ChangeTicketEvent(
    String ticketNumber,
    ChangeTicket.Status from,
    ChangeTicket.Status to,
    Instant at,
    String by,
    String note) {}
