package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.mail.MailLinks;
import in.bontonsoftwares.deploymentrequest.mail.MailMessage;
import in.bontonsoftwares.deploymentrequest.mail.MailType;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.Sequence;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The invitations as a mail client reads them: parsed with iCal4j, a real iCalendar library. */
@DependsOnTime
class CalendarInvitesTest {

  private static final String ROLLBACK_PLAN_TEXT =
      "Redeploy 2.4.0; then, if needed, restore the snapshot\n" + "C:\\backups\\payments (ask DBA)";

  private final DeploymentRequestProperties properties =
      new DeploymentRequestProperties(
          "devsecops@bontonsoftwares.in",
          "deployment-gate@bontonsoftwares.in",
          ZoneId.of("Asia/Kolkata"),
          "http://localhost:8080",
          null,
          null,
          null,
          null,
          null,
          null);
  private final CalendarInvites invites =
      new CalendarInvites(
          properties,
          Clock.fixed(Instant.parse("2026-11-27T10:15:00Z"), ZoneOffset.UTC),
          new MailLinks(properties, new CamundaBpmProperties()));
  private Map<String, Object> variables;

  @BeforeEach
  void scheduledRequest() {
    variables = new HashMap<>();
    variables.put(REQUEST_NUMBER, "DR-2026-0042");
    variables.put(CHANGE_TICKET_NUMBER, "CHG-2026-0007");
    variables.put(PROJECT_NAME, "Payments");
    variables.put(APPLICATION_NAME, "payments-api");
    variables.put(VERSION, "2.4.1");
    variables.put(ENVIRONMENT, "production");
    confirmWindow("2026-12-01T22:00Z", "2026-12-01T23:30Z");
    variables.put(ROLLBACK_PLAN, ROLLBACK_PLAN_TEXT);
    variables.put(REALTIME_CHANNEL, "#deploy-payments");
    variables.put(ON_CALL_NAME, "Olivia Oncall");
    variables.put(ON_CALL_EMAIL, "olivia@example.com");
    variables.put(ON_CALL_PHONE, "+91 98765 43210");
    variables.put(REQUESTER_NAME, "Dana Developer");
    variables.put(REQUESTER_EMAIL, "dana@example.com");
    // the mailbox is the organizer, never an attendee; each address once
    variables.put(
        STAKEHOLDER_EMAILS,
        "product@example.com, support@example.com, Olivia@example.com, "
            + "devsecops@bontonsoftwares.in");
  }

  @Test
  void shouldInviteStakeholdersOnCallAndRequesterToTheConfirmedWindowInUtc() throws Exception {
    variables.put(CALENDAR_SEQUENCE, 0); // as "Schedule deployment" leaves it the first time
    MailMessage mail =
        invites.attachTo(MailType.SCHEDULE_CONFIRMED, v(), mail(MailType.SCHEDULE_CONFIRMED));

    MailMessage.Attachment invite = mail.attachments().get(0);
    assertThat(invite.fileName()).isEqualTo("invite.ics");
    assertThat(invite.contentType()).isEqualTo("text/calendar; charset=UTF-8; method=REQUEST");
    Calendar calendar = parse(invite);
    VEvent event = event(calendar);
    assertThat(value(calendar, Property.METHOD)).isEqualTo("REQUEST");
    assertThat(calendar.getComponents(Component.VEVENT)).hasSize(1);
    assertThat(value(event, Property.UID)).isEqualTo("DR-2026-0042@bontonsoftwares.in");
    assertThat(sequence(event)).isZero();
    assertThat(value(event, Property.DTSTART)).isEqualTo("20261201T220000Z");
    assertThat(value(event, Property.DTEND)).isEqualTo("20261201T233000Z");
    assertThat(utc(event, Property.DTSTART)).isEqualTo(OffsetDateTime.parse("2026-12-01T22:00Z"));
    assertThat(utc(event, Property.DTEND)).isEqualTo(OffsetDateTime.parse("2026-12-01T23:30Z"));
    assertThat(value(event, Property.DTSTAMP)).isEqualTo("20261127T101500Z");
    assertThat(value(event, Property.STATUS)).isEqualTo("CONFIRMED");
    assertThat(
            ((Organizer) event.getProperty(Property.ORGANIZER).orElseThrow())
                .getCalAddress()
                .toString())
        .isEqualTo("mailto:devsecops@bontonsoftwares.in");
    assertThat(attendees(event))
        .containsExactly(
            "mailto:olivia@example.com",
            "mailto:dana@example.com",
            "mailto:product@example.com",
            "mailto:support@example.com");
    Attendee onCall = event.<Attendee>getProperties(Property.ATTENDEE).get(0);
    assertThat(onCall.getParameter(Parameter.CN).orElseThrow().getValue())
        .isEqualTo("Olivia Oncall");
    assertThat(onCall.getParameter(Parameter.RSVP).orElseThrow().getValue()).isEqualTo("TRUE");
    assertThat(value(event, Property.SUMMARY)).contains("DR-2026-0042", "Payments", "Production");
    assertThat(value(event, Property.DESCRIPTION))
        .contains(
            "Deployment request: DR-2026-0042",
            "Change ticket: CHG-2026-0007",
            "Rollback plan: " + ROLLBACK_PLAN_TEXT,
            "Real-time channel: #deploy-payments",
            "Window: 2 Dec 2026, 03:30 IST (Asia/Kolkata) - 2 Dec 2026, 05:00 IST (Asia/Kolkata)",
            "Request: " + properties.baseUrl() + "/requests.html?request=DR-2026-0042");
    assertThat(value(event, Property.LOCATION)).isEqualTo("#deploy-payments");
    assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
    assertThat(variables).containsEntry(CALENDAR_SEQUENCE, 0);
    assertThat(mail.key()).isEqualTo("DR-2026-0042/SCHEDULE_CONFIRMED/r1");
    assertThat(mail.messageId())
        .isEqualTo("<DR-2026-0042.schedule_confirmed.r1@bontonsoftwares.in>");
  }

  @Test
  void shouldSendAnUpdateWithTheSameUidAndAHigherSequenceWhenTheWindowIsRescheduled()
      throws Exception {
    variables.put(CALENDAR_SEQUENCE, 0);
    MailMessage first =
        invites.attachTo(MailType.SCHEDULE_CONFIRMED, v(), mail(MailType.SCHEDULE_CONFIRMED));
    // "Schedule deployment" completed again with a new window
    variables.put(CALENDAR_SEQUENCE, 1);
    confirmWindow("2026-12-03T21:00Z", "2026-12-03T22:00Z");
    variables.put(EXECUTION_NOTES, "Payment provider maintenance, freeze until Thursday");

    MailMessage update =
        invites.attachTo(MailType.SCHEDULE_CONFIRMED, v(), mail(MailType.SCHEDULE_CONFIRMED));

    VEvent before = event(parse(first.attachments().get(0)));
    Calendar calendar = parse(update.attachments().get(0));
    VEvent after = event(calendar);
    assertThat(value(calendar, Property.METHOD)).isEqualTo("REQUEST");
    assertThat(value(after, Property.UID)).isEqualTo(value(before, Property.UID));
    assertThat(sequence(after)).isEqualTo(1);
    assertThat(value(after, Property.DTSTART)).isEqualTo("20261203T210000Z");
    assertThat(value(after, Property.DTEND)).isEqualTo("20261203T220000Z");
    assertThat(value(after, Property.DESCRIPTION))
        .contains(
            "The deployment window changed", "Payment provider maintenance, freeze until Thursday");
    assertThat(attendees(after)).isEqualTo(attendees(before));
    // a mail of its own: the sent-mail log must not take it for the first confirmation
    assertThat(update.key()).isEqualTo("DR-2026-0042/SCHEDULE_CONFIRMED/r1/u1");
    assertThat(update.messageId())
        .isEqualTo("<DR-2026-0042.schedule_confirmed.r1.u1@bontonsoftwares.in>");
    assertThat(update.threadId()).isEqualTo(first.threadId());
    assertThat(variables).containsEntry(CALENDAR_SEQUENCE, 1);
  }

  @Test
  void shouldCancelTheEventWhenTheDeploymentIsRolledBack() throws Exception {
    variables.put(CALENDAR_SEQUENCE, 0);
    MailMessage first =
        invites.attachTo(MailType.SCHEDULE_CONFIRMED, v(), mail(MailType.SCHEDULE_CONFIRMED));
    // "Roll back deployment" completed: the cancellation is the event's next change
    variables.put(CALENDAR_SEQUENCE, 1);
    variables.put(ROLLBACK_NOTES, "2.4.0 redeployed, health green");

    MailMessage rolledBack =
        invites.attachTo(MailType.ROLLED_BACK, v(), mail(MailType.ROLLED_BACK));

    MailMessage.Attachment cancel = rolledBack.attachments().get(0);
    assertThat(cancel.contentType()).isEqualTo("text/calendar; charset=UTF-8; method=CANCEL");
    Calendar calendar = parse(cancel);
    VEvent event = event(calendar);
    assertThat(value(calendar, Property.METHOD)).isEqualTo("CANCEL");
    assertThat(value(event, Property.STATUS)).isEqualTo("CANCELLED");
    assertThat(value(event, Property.UID))
        .isEqualTo(value(event(parse(first.attachments().get(0))), Property.UID));
    assertThat(sequence(event)).isEqualTo(1);
    assertThat(value(event, Property.DTSTART)).isEqualTo("20261201T220000Z");
    assertThat(
            ((Organizer) event.getProperty(Property.ORGANIZER).orElseThrow())
                .getCalAddress()
                .toString())
        .isEqualTo("mailto:devsecops@bontonsoftwares.in");
    assertThat(attendees(event))
        .contains("mailto:product@example.com", "mailto:olivia@example.com");
    assertThat(value(event, Property.DESCRIPTION))
        .startsWith("Cancelled: The deployment was rolled back.")
        .contains("2.4.0 redeployed, health green");
    assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
    assertThat(rolledBack.key()).isEqualTo("DR-2026-0042/ROLLED_BACK/r1");
    assertThat(variables).containsEntry(CALENDAR_SEQUENCE, 1);
  }

  @Test
  void shouldCancelAWithdrawnDeploymentOnlyWhenAnInvitationWentOut() throws Exception {
    variables.put(WITHDRAWAL_REASON, "Release moved to next sprint");
    MailMessage beforeScheduling = mail(MailType.WITHDRAWN);

    assertThat(invites.attachTo(MailType.WITHDRAWN, v(), beforeScheduling))
        .isSameAs(beforeScheduling);

    variables.put(CALENDAR_SEQUENCE, 3);
    MailMessage withdrawn = invites.attachTo(MailType.WITHDRAWN, v(), mail(MailType.WITHDRAWN));
    Calendar calendar = parse(withdrawn.attachments().get(0));
    assertThat(value(calendar, Property.METHOD)).isEqualTo("CANCEL");
    assertThat(sequence(event(calendar))).isEqualTo(3);
    assertThat(value(event(calendar), Property.DESCRIPTION))
        .contains("withdrawn", "Release moved to next sprint");
  }

  @Test
  void shouldLeaveEveryOtherMailAlone() {
    for (MailType type :
        List.of(MailType.REQUEST, MailType.VERIFICATION_STATUS, MailType.DEPLOYMENT_RECORD)) {
      MailMessage mail = mail(type);
      assertThat(invites.attachTo(type, v(), mail)).isSameAs(mail);
    }
    assertThat(variables).doesNotContainKey(CALENDAR_SEQUENCE);
  }

  @Test
  void shouldOnlyReadTheSequenceThatTheSchedulingStepKeeps() {
    variables.put(CALENDAR_SEQUENCE, 2);
    Map<String, Object> before = new HashMap<>(variables);

    for (MailType type : MailType.values()) {
      invites.attachTo(type, v(), mail(type));
    }

    assertThat(variables).isEqualTo(before);
    variables.remove(CALENDAR_SEQUENCE);
    assertThat(
            catchThrowable(
                () ->
                    invites.attachTo(
                        MailType.SCHEDULE_CONFIRMED, v(), mail(MailType.SCHEDULE_CONFIRMED))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("calendarSequence");
  }

  @Test
  void shouldFoldLongLinesAt75OctetsWithoutSplittingCharacters() throws Exception {
    String plan =
        "परिनियोजन वापस लें: 2.4.0 फिर से तैनात करें, स्वास्थ्य जाँच हरी होने तक प्रतीक्षा करें; "
            + "then tell #deploy-payments 🚀 ".repeat(3);
    variables.put(ROLLBACK_PLAN, plan);
    variables.put(CALENDAR_SEQUENCE, 0);

    MailMessage mail =
        invites.attachTo(MailType.SCHEDULE_CONFIRMED, v(), mail(MailType.SCHEDULE_CONFIRMED));

    byte[] ics = mail.attachments().get(0).content();
    String text = new String(ics, UTF_8);
    assertThat(text).endsWith("END:VCALENDAR\r\n").doesNotContain("\r\n\r\n");
    assertThat(text.replace("\r\n", "")).doesNotContain("\n", "\r");
    for (String line : text.split("\r\n")) {
      assertThat(line.getBytes(UTF_8).length).as(line).isLessThanOrEqualTo(75);
    }
    assertThat(text.split("\r\n")).anyMatch(line -> line.startsWith(" "));
    assertThat(value(event(parse(mail.attachments().get(0))), Property.DESCRIPTION))
        .contains("Rollback plan: " + plan.trim());
  }

  private ProcessVariables v() {
    return ProcessVariables.of(variables);
  }

  private static MailMessage mail(MailType type) {
    String number = "DR-2026-0042";
    return new MailMessage(
        number + "/" + type.name() + "/r1",
        number,
        type,
        List.of("devsecops@bontonsoftwares.in"),
        List.of(),
        "Payments - Production - " + type.purpose() + " - 2026-11-27",
        type.purpose(),
        List.of(),
        List.of(),
        List.of(),
        "<%s.%s.r1@bontonsoftwares.in>".formatted(number, type.name().toLowerCase(Locale.ROOT)),
        "<" + number + "@bontonsoftwares.in>",
        List.of());
  }

  private static Calendar parse(MailMessage.Attachment attachment) throws Exception {
    return new CalendarBuilder().build(new StringReader(new String(attachment.content(), UTF_8)));
  }

  private static VEvent event(Calendar calendar) {
    return calendar.<VEvent>getComponent(Component.VEVENT).orElseThrow();
  }

  private static String value(Calendar calendar, String property) {
    return calendar.getProperty(property).orElseThrow().getValue();
  }

  private static String value(VEvent event, String property) {
    return event.getProperty(property).orElseThrow().getValue();
  }

  private static int sequence(VEvent event) {
    return event.<Sequence>getProperty(Property.SEQUENCE).orElseThrow().getSequenceNo();
  }

  private static OffsetDateTime utc(VEvent event, String property) {
    Object date = event.<DateProperty<?>>getProperty(property).orElseThrow().getDate();
    assertThat(date).isInstanceOf(OffsetDateTime.class);
    assertThat(((OffsetDateTime) date).getOffset()).isEqualTo(ZoneOffset.UTC);
    return (OffsetDateTime) date;
  }

  private static List<String> attendees(VEvent event) {
    return event.<Attendee>getProperties(Property.ATTENDEE).stream()
        .map(attendee -> attendee.getCalAddress().toString())
        .toList();
  }

  /** The confirmed window as "Schedule deployment" leaves it: the form's text and its instants. */
  private void confirmWindow(String start, String end) {
    variables.put(CONFIRMED_WINDOW_START, start);
    variables.put(CONFIRMED_WINDOW_END, end);
    variables.put(CONFIRMED_WINDOW_START_AT, Date.from(Instant.parse(start.replace("Z", ":00Z"))));
    variables.put(CONFIRMED_WINDOW_END_AT, Date.from(Instant.parse(end.replace("Z", ":00Z"))));
  }
}
