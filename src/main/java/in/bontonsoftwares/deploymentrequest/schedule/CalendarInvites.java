package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static java.nio.charset.StandardCharsets.UTF_8;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.mail.MailMessage;
import in.bontonsoftwares.deploymentrequest.mail.MailType;
import in.bontonsoftwares.deploymentrequest.numbering.NumberGenerator;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.request.Environment;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The calendar invitation for a confirmed deployment window (policy step 4), as RFC 5545 iCalendar
 * with iTIP (RFC 5546) methods: {@code REQUEST} when the window is confirmed, again with a higher
 * {@code SEQUENCE} when it is rescheduled, and {@code CANCEL} when the deployment is rolled back or
 * withdrawn. One event per request: its {@code UID} is {@code <request number>@<sender domain>}, so
 * that calendars update the event instead of adding one. The last {@code SEQUENCE} sent is kept in
 * the process variable {@code calendarSequence}.
 */
@Component
public class CalendarInvites {

  static final String FILE_NAME = "invite.ics";
  static final String REQUEST_CONTENT_TYPE = "text/calendar; charset=UTF-8; method=REQUEST";
  static final String CANCEL_CONTENT_TYPE = "text/calendar; charset=UTF-8; method=CANCEL";
  private static final String PRODUCT_ID = "-//Bonton Softwares//Deployment Request Process//EN";
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final int MAX_LINE_OCTETS = 75;

  private final DeploymentRequestProperties properties;
  private final Clock clock;

  CalendarInvites(DeploymentRequestProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * The mail with the invitation it must carry: a request (or, after a reschedule, an update) with
   * "Deployment Scheduled", a cancellation with "Deployment Rolled Back" and "Deployment Request
   * Withdrawn" when an invitation went out before; any other mail unchanged. An update is a mail of
   * its own, so it gets its own idempotency key and {@code Message-ID} (suffix {@code
   * u<SEQUENCE>}); otherwise the sent-mail log would take it for the first one. Call it in the mail
   * job's transaction, so that the sequence number moves only when the mail is sent.
   */
  public MailMessage attachTo(MailType type, ProcessVariables variables, MailMessage message) {
    switch (type) {
      case SCHEDULE_CONFIRMED -> {
        // TODO(issue 13, part A): the scheduling step sets the sequence; part A's version replaces
        // this file
        int sequence = variables.number(CALENDAR_SEQUENCE, 0);
        MailMessage mail = sequence == 0 ? message : asUpdate(message, sequence);
        return mail.with(
            new MailMessage.Attachment(
                FILE_NAME, REQUEST_CONTENT_TYPE, request(variables, sequence).getBytes(UTF_8)));
      }
      case ROLLED_BACK, WITHDRAWN -> {
        if (!variables.has(CALENDAR_SEQUENCE)) {
          return message;
        }
        int sequence = variables.number(CALENDAR_SEQUENCE, 0);
        String reason =
            type == MailType.ROLLED_BACK
                ? "The deployment was rolled back. " + variables.text(ROLLBACK_NOTES)
                : "The deployment request was withdrawn. " + variables.text(WITHDRAWAL_REASON);
        return message.with(
            new MailMessage.Attachment(
                FILE_NAME,
                CANCEL_CONTENT_TYPE,
                cancel(variables, sequence, reason.trim()).getBytes(UTF_8)));
      }
      default -> {
        return message;
      }
    }
  }

  /** {@code METHOD:REQUEST} for the confirmed window. */
  String request(ProcessVariables v, int sequence) {
    List<String> description = new ArrayList<>();
    if (sequence > 0) {
      description.add("The deployment window changed; this invitation replaces the earlier one.");
      if (v.string(EXECUTION_NOTES) != null) {
        description.add("Why: " + v.string(EXECUTION_NOTES));
      }
    }
    description.addAll(details(v));
    return calendar("REQUEST", v, sequence, "CONFIRMED", description);
  }

  /** {@code METHOD:CANCEL} for the same event, with the reason first in the description. */
  String cancel(ProcessVariables v, int sequence, String reason) {
    List<String> description = new ArrayList<>();
    description.add("Cancelled: " + reason);
    description.addAll(details(v));
    return calendar("CANCEL", v, sequence, "CANCELLED", description);
  }

  private String calendar(
      String method, ProcessVariables v, int sequence, String status, List<String> description) {
    String number = NumberGenerator.requireValid(v.text(REQUEST_NUMBER)); // the event's UID
    List<String> lines = new ArrayList<>();
    lines.add("BEGIN:VCALENDAR");
    lines.add("PRODID:" + PRODUCT_ID);
    lines.add("VERSION:2.0");
    lines.add("CALSCALE:GREGORIAN");
    lines.add("METHOD:" + method);
    lines.add("BEGIN:VEVENT");
    lines.add("UID:" + number + "@" + domain());
    lines.add("SEQUENCE:" + sequence);
    lines.add("DTSTAMP:" + UTC.format(clock.instant()));
    lines.add("DTSTART:" + UTC.format(window(v, CONFIRMED_WINDOW_START)));
    lines.add("DTEND:" + UTC.format(window(v, CONFIRMED_WINDOW_END)));
    lines.add(
        "SUMMARY:"
            + text(
                "Deployment %s: %s - %s (%s %s)"
                    .formatted(
                        number,
                        v.text(PROJECT_NAME),
                        Environment.labelOf(v.string(ENVIRONMENT)),
                        v.text(APPLICATION_NAME),
                        v.text(VERSION))));
    lines.add("DESCRIPTION:" + text(String.join("\n", description)));
    if (v.string(REALTIME_CHANNEL) != null) {
      lines.add("LOCATION:" + text(v.string(REALTIME_CHANNEL)));
    }
    lines.add("STATUS:" + status);
    lines.add("TRANSP:OPAQUE");
    lines.add("ORGANIZER;CN=\"DevSecOps\":mailto:" + properties.mailbox());
    attendees(v)
        .forEach(
            (address, attendee) ->
                lines.add(
                    "ATTENDEE;CN=\"%s\";CUTYPE=INDIVIDUAL;ROLE=%s;"
                            .formatted(attendee.name(), attendee.role())
                        + "PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:"
                        + address));
    lines.add("END:VEVENT");
    lines.add("END:VCALENDAR");
    StringBuilder ics = new StringBuilder();
    lines.forEach(line -> ics.append(fold(line)).append("\r\n"));
    return ics.toString();
  }

  private List<String> details(ProcessVariables v) {
    List<String> lines = new ArrayList<>();
    lines.add("Deployment request: " + v.text(REQUEST_NUMBER));
    lines.add("Change ticket: " + v.text(CHANGE_TICKET_NUMBER));
    lines.add(
        "Project: %s; application: %s %s; environment: %s"
            .formatted(
                v.text(PROJECT_NAME),
                v.text(APPLICATION_NAME),
                v.text(VERSION),
                Environment.labelOf(v.string(ENVIRONMENT))));
    lines.add(
        "Window: %s - %s"
            .formatted(
                LOCAL.format(window(v, CONFIRMED_WINDOW_START).atZone(properties.timeZone())),
                WindowTime.show(window(v, CONFIRMED_WINDOW_END), properties.timeZone())));
    lines.add("Rollback plan: " + v.text(ROLLBACK_PLAN));
    lines.add("Real-time channel: " + v.text(REALTIME_CHANNEL));
    lines.add(
        "On-call: %s, %s, %s"
            .formatted(v.text(ON_CALL_NAME), v.text(ON_CALL_EMAIL), v.text(ON_CALL_PHONE)));
    lines.add("Tasklist: " + properties.baseUrl() + "/camunda/app/tasklist/");
    return lines;
  }

  /**
   * Stakeholders (optional), the on-call contact and the requester (required); each address once,
   * never the organizer.
   */
  private Map<String, Attendee> attendees(ProcessVariables v) {
    Map<String, Attendee> attendees = new LinkedHashMap<>();
    add(attendees, v.string(ON_CALL_EMAIL), v.text(ON_CALL_NAME), "REQ-PARTICIPANT");
    add(attendees, v.string(REQUESTER_EMAIL), v.text(REQUESTER_NAME), "REQ-PARTICIPANT");
    for (String stakeholder : RequestValidator.splitEmails(v.string(STAKEHOLDER_EMAILS))) {
      add(attendees, stakeholder, "", "OPT-PARTICIPANT");
    }
    return attendees;
  }

  private void add(Map<String, Attendee> attendees, String address, String name, String role) {
    if (address == null
        || !RequestValidator.isEmail(address)
        || address.equalsIgnoreCase(properties.mailbox())
        || attendees.keySet().stream().anyMatch(address::equalsIgnoreCase)) {
      return;
    }
    attendees.put(address, new Attendee(parameter(name.isBlank() ? address : name), role));
  }

  private record Attendee(String name, String role) {}

  private Instant window(ProcessVariables v, String name) {
    return WindowTime.parse(v.string(name), properties.timeZone());
  }

  private String domain() {
    return properties
        .sender()
        .substring(properties.sender().indexOf('@') + 1)
        .toLowerCase(Locale.ROOT);
  }

  private static MailMessage asUpdate(MailMessage message, int sequence) {
    String messageId = message.messageId();
    int at = messageId.lastIndexOf('@');
    String updateId =
        at < 0 ? messageId : messageId.substring(0, at) + ".u" + sequence + messageId.substring(at);
    return new MailMessage(
        message.key() + "/u" + sequence,
        message.requestNumber(),
        message.type(),
        message.to(),
        message.cc(),
        message.subject(),
        message.heading(),
        message.intro(),
        message.sections(),
        message.link(),
        updateId,
        message.threadId(),
        message.attachments());
  }

  /**
   * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks as {@code
   * \n}.
   */
  static String text(String value) {
    StringBuilder escaped = new StringBuilder();
    String normalised = value.replace("\r\n", "\n").replace('\r', '\n');
    for (int i = 0; i < normalised.length(); i++) {
      char c = normalised.charAt(i);
      switch (c) {
        case '\\' -> escaped.append("\\\\");
        case ';' -> escaped.append("\\;");
        case ',' -> escaped.append("\\,");
        case '\n' -> escaped.append("\\n");
        default -> escaped.append(Character.isISOControl(c) && c != '\t' ? ' ' : c);
      }
    }
    return escaped.toString();
  }

  /**
   * A quoted parameter value (RFC 5545 3.2) may hold anything but a double quote and control
   * characters.
   */
  static String parameter(String value) {
    return value.replace("\"", "'").replaceAll("\\p{Cntrl}", " ").trim();
  }

  /**
   * Content lines longer than 75 octets are folded: CRLF and a space, never inside a UTF-8
   * character.
   */
  static String fold(String line) {
    StringBuilder folded = new StringBuilder();
    int octets = 0;
    for (int i = 0; i < line.length(); ) {
      int codePoint = line.codePointAt(i);
      int size = new String(Character.toChars(codePoint)).getBytes(UTF_8).length;
      if (octets + size > MAX_LINE_OCTETS) {
        folded.append("\r\n ");
        octets = 1;
      }
      folded.appendCodePoint(codePoint);
      octets += size;
      i += Character.charCount(codePoint);
    }
    return folded.toString();
  }
}
