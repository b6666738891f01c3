package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;
import static in.bontonsoftwares.deploymentrequest.schedule.ICalendarText.parameter;
import static in.bontonsoftwares.deploymentrequest.schedule.ICalendarText.text;
import static java.nio.charset.StandardCharsets.UTF_8;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.display.Readable;
import in.bontonsoftwares.deploymentrequest.mail.MailAttachments;
import in.bontonsoftwares.deploymentrequest.mail.MailLinks;
import in.bontonsoftwares.deploymentrequest.mail.MailMessage;
import in.bontonsoftwares.deploymentrequest.mail.MailType;
import in.bontonsoftwares.deploymentrequest.numbering.NumberGenerator;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.Variable;
import in.bontonsoftwares.deploymentrequest.request.Environment;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.CuType;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Version;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The calendar invitation for a confirmed deployment window (policy step 4), built with iCal4j as
 * RFC 5545 iCalendar with iTIP (RFC 5546) methods: {@code REQUEST} when the window is confirmed,
 * again with a higher {@code SEQUENCE} when it is rescheduled, and {@code CANCEL} when the
 * deployment is rolled back or withdrawn. One event per request: its {@code UID} is {@code <request
 * number>@<sender domain>}, so that calendars update the event instead of adding one.
 *
 * <p>It only reads the {@code SEQUENCE} ({@code calendarSequence}): the steps that change the event
 * keep it, "Schedule deployment" (0 the first time, +1 for a new window) and "Roll back deployment"
 * (+1 for the cancellation, when an invitation went out). Without it no invitation was ever sent,
 * so there is nothing to cancel.
 */
@Component
@Order(1)
public class CalendarInvites implements MailAttachments {

  static final String FILE_NAME = "invite.ics";
  static final String REQUEST_CONTENT_TYPE = "text/calendar; charset=UTF-8; method=REQUEST";
  static final String CANCEL_CONTENT_TYPE = "text/calendar; charset=UTF-8; method=CANCEL";
  private static final String PRODUCT_ID = "-//Bonton Softwares//Deployment Request Process//EN";

  private final DeploymentRequestProperties properties;
  private final Clock clock;
  private final MailLinks links;

  CalendarInvites(DeploymentRequestProperties properties, Clock clock, MailLinks links) {
    this.properties = properties;
    this.clock = clock;
    this.links = links;
  }

  /**
   * The mail with the invitation it must carry: a request (or, after a reschedule, an update) with
   * "Deployment Scheduled", a cancellation with "Deployment Rolled Back" and "Deployment Request
   * Withdrawn" when an invitation went out before; any other mail unchanged. An update is a mail of
   * its own, so it gets its own idempotency key and {@code Message-ID} (suffix {@code
   * u<SEQUENCE>}); otherwise the sent-mail log would take it for the first one.
   */
  @Override
  public MailMessage attachTo(MailType type, ProcessVariables variables, MailMessage message) {
    switch (type) {
      case SCHEDULE_CONFIRMED -> {
        if (!variables.has(CALENDAR_SEQUENCE)) {
          throw new IllegalStateException(
              "No calendarSequence: \"Schedule deployment\" sets it before the confirmation");
        }
        int sequence = variables.get(CALENDAR_SEQUENCE);
        MailMessage mail = sequence == 0 ? message : asUpdate(message, sequence);
        return mail.with(
            new MailMessage.Attachment(
                FILE_NAME, REQUEST_CONTENT_TYPE, request(variables, sequence).getBytes(UTF_8)));
      }
      case ROLLED_BACK, WITHDRAWN -> {
        if (!variables.has(CALENDAR_SEQUENCE)) {
          return message;
        }
        int sequence = variables.get(CALENDAR_SEQUENCE);
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
      if (v.get(EXECUTION_NOTES) != null) {
        description.add("Why: " + v.get(EXECUTION_NOTES));
      }
    }
    description.addAll(details(v));
    return calendar(Method.VALUE_REQUEST, v, sequence, Status.VALUE_CONFIRMED, description);
  }

  /** {@code METHOD:CANCEL} for the same event, with the reason first in the description. */
  String cancel(ProcessVariables v, int sequence, String reason) {
    List<String> description = new ArrayList<>();
    description.add("Cancelled: " + reason);
    description.addAll(details(v));
    return calendar(Method.VALUE_CANCEL, v, sequence, Status.VALUE_CANCELLED, description);
  }

  private String calendar(
      String method, ProcessVariables v, int sequence, String status, List<String> description) {
    String number = NumberGenerator.requireValid(v.text(REQUEST_NUMBER)); // the event's UID
    VEvent event = new VEvent(false);
    event.add(new Uid(number + "@" + properties.senderDomain()));
    event.add(new Sequence(sequence));
    event.add(new DtStamp(clock.instant()));
    event.add(new DtStart<>(window(v, CONFIRMED_WINDOW.start())));
    event.add(new DtEnd<>(window(v, CONFIRMED_WINDOW.end())));
    event.add(
        new Summary(
            text(
                "Deployment %s: %s - %s (%s %s)"
                    .formatted(
                        number,
                        v.text(PROJECT_NAME),
                        Environment.labelOf(v.get(ENVIRONMENT)),
                        v.text(APPLICATION_NAME),
                        v.text(VERSION)))));
    event.add(new Description(text(String.join("\n", description))));
    if (v.get(REALTIME_CHANNEL) != null) {
      event.add(new Location(text(v.get(REALTIME_CHANNEL))));
    }
    event.add(new Status(status));
    event.add(new Transp(Transp.VALUE_OPAQUE));
    event.add(
        new Organizer(
            new ParameterList(List.of(new Cn("DevSecOps"))), mailto(properties.mailbox())));
    attendees(v)
        .forEach(
            (address, attendee) ->
                event.add(
                    new Attendee(
                        new ParameterList(
                            List.of(
                                new Cn(attendee.name()),
                                CuType.INDIVIDUAL,
                                attendee.role(),
                                PartStat.NEEDS_ACTION,
                                Rsvp.TRUE)),
                        mailto(address))));
    Calendar calendar = new Calendar();
    calendar.add(new ProdId(PRODUCT_ID));
    calendar.add(new Version(new ParameterList(), Version.VALUE_2_0));
    calendar.add(new CalScale(CalScale.VALUE_GREGORIAN));
    calendar.add(new Method(method));
    calendar.add(event);
    return ICalendarText.write(calendar);
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
                Environment.labelOf(v.get(ENVIRONMENT))));
    lines.add(
        "Window: %s - %s"
            .formatted(
                Readable.dateTime(window(v, CONFIRMED_WINDOW.start()), properties.timeZone()),
                Readable.dateTime(window(v, CONFIRMED_WINDOW.end()), properties.timeZone())));
    lines.add("Rollback plan: " + v.text(ROLLBACK_PLAN));
    lines.add("Real-time channel: " + v.text(REALTIME_CHANNEL));
    lines.add(
        "On-call: %s, %s, %s"
            .formatted(v.text(ON_CALL_NAME), v.text(ON_CALL_EMAIL), v.text(ON_CALL_PHONE)));
    lines.add("Request: " + links.requestPage(v.text(REQUEST_NUMBER)));
    return lines;
  }

  /**
   * Stakeholders (optional), the on-call contact and the requester (required); each address once,
   * never the organizer.
   */
  private Map<String, Invitee> attendees(ProcessVariables v) {
    Map<String, Invitee> attendees = new LinkedHashMap<>();
    add(attendees, v.get(ON_CALL_EMAIL), v.text(ON_CALL_NAME), Role.REQ_PARTICIPANT);
    add(attendees, v.get(REQUESTER_EMAIL), v.text(REQUESTER_NAME), Role.REQ_PARTICIPANT);
    for (String stakeholder : RequestValidator.splitEmails(v.get(STAKEHOLDER_EMAILS))) {
      add(attendees, stakeholder, "", Role.OPT_PARTICIPANT);
    }
    return attendees;
  }

  private void add(Map<String, Invitee> attendees, String address, String name, Role role) {
    if (address == null
        || !RequestValidator.isEmail(address)
        || address.equalsIgnoreCase(properties.mailbox())
        || attendees.keySet().stream().anyMatch(address::equalsIgnoreCase)) {
      return;
    }
    attendees.put(address, new Invitee(parameter(name.isBlank() ? address : name), role));
  }

  private record Invitee(String name, Role role) {}

  private static URI mailto(String address) {
    return URI.create("mailto:" + address);
  }

  /** The confirmed window as the validator stored it when "Schedule deployment" was completed. */
  private static Instant window(ProcessVariables v, Variable<Date> bound) {
    Date at = v.get(bound);
    if (at == null) {
      throw new IllegalStateException("No " + bound + ": \"Schedule deployment\" stores it");
    }
    return at.toInstant();
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
        message.links(),
        updateId,
        message.threadId(),
        message.attachments());
  }
}
