package in.bontonsoftwares.deploymentrequest.schedule;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;

import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessTestSupport;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Sequence;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * The invitations travel with the real mails: request, update after a reschedule, cancellation
 * after a roll-back.
 */
@DependsOnTime
class CalendarInviteMailTest extends ProcessTestSupport {

  @Test
  void shouldInviteThenUpdateThenCancelTheSameEventWhenRescheduledAndRolledBack() throws Exception {
    ProcessInstance request = submit("dana", validRequest());
    runDueJobs(request);
    complete(
        request,
        REVIEW_REQUEST,
        "sofia",
        TestRequests.review(Value.DECISION_APPROVE, "Looks good"));
    runDueJobs(request);
    complete(request, SCHEDULE_DEPLOYMENT, "sofia", TestRequests.scheduleNow());
    runDueJobs(request);
    complete(
        request,
        EXECUTE_DEPLOYMENT,
        "sam",
        Map.of(
            EXECUTION_OUTCOME,
            Value.OUTCOME_RESCHEDULE,
            EXECUTION_NOTES,
            "Payment provider maintenance tonight"));
    runDueJobs(request); // the ticket goes back to scheduled
    Instant tomorrow = TestClock.now().plus(Duration.ofDays(1));
    Map<String, Object> schedule = new HashMap<>(TestRequests.scheduleNow());
    schedule.put(CONFIRMED_WINDOW_START, WindowTime.store(tomorrow));
    schedule.put(CONFIRMED_WINDOW_END, WindowTime.store(tomorrow.plus(Duration.ofHours(1))));
    complete(request, SCHEDULE_DEPLOYMENT, "sofia", schedule);
    runDueJobs(request);
    managementService.executeJob(
        managementService
            .createJobQuery()
            .processInstanceId(request.getId())
            .activityId(TIMER_WINDOW_OPENS)
            .singleResult()
            .getId());
    runDueJobs(request); // the ticket is in progress
    complete(
        request,
        EXECUTE_DEPLOYMENT,
        "sam",
        Map.of(
            EXECUTION_OUTCOME,
            Value.OUTCOME_CRITICAL_ISSUE,
            EXECUTION_NOTES,
            "Migration locked the refunds table"));
    complete(
        request,
        ROLL_BACK_DEPLOYMENT,
        "sam",
        Map.of(ROLLBACK_COMPLETED, true, ROLLBACK_NOTES, "2.4.0 redeployed, health green"));
    runDueJobs(request);

    List<MimeMessage> scheduled =
        mails().stream()
            .filter(mail -> subject(mail).contains(" - Deployment Scheduled - "))
            .toList();
    assertThat(scheduled).hasSize(2);
    assertThat(scheduled.get(0).getMessageID()).isNotEqualTo(scheduled.get(1).getMessageID());
    VEvent first = event(invite(scheduled.get(0), "REQUEST"));
    VEvent update = event(invite(scheduled.get(1), "REQUEST"));
    MimeMessage rolledBack =
        mails().stream()
            .filter(mail -> subject(mail).contains(" - Deployment Rolled Back - "))
            .findFirst()
            .orElseThrow();
    Calendar cancelCalendar = invite(rolledBack, "CANCEL");
    VEvent cancel = event(cancelCalendar);

    String uid = request.getBusinessKey() + "@bontonsoftwares.in";
    assertThat(List.of(first, update, cancel))
        .allSatisfy(
            event ->
                assertThat(event.getProperty(Property.UID).orElseThrow().getValue())
                    .isEqualTo(uid));
    assertThat(List.of(first, update, cancel))
        .extracting(CalendarInviteMailTest::sequence)
        .containsExactly(0, 1, 2);
    assertThat(update.getProperty(Property.DTSTART).orElseThrow().getValue())
        .isNotEqualTo(first.getProperty(Property.DTSTART).orElseThrow().getValue())
        .endsWith("Z");
    assertThat(cancelCalendar.getProperty(Property.METHOD).orElseThrow().getValue())
        .isEqualTo("CANCEL");
    assertThat(cancel.getProperty(Property.STATUS).orElseThrow().getValue()).isEqualTo("CANCELLED");
    assertThat(runtimeService.getVariable(request.getId(), CALENDAR_SEQUENCE)).isEqualTo(2);
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Calendar invite(MimeMessage mail, String method) throws Exception {
    Part part = calendarPart(mail);
    assertThat(part).as("text/calendar part of " + mail.getSubject()).isNotNull();
    assertThat(part.getContentType()).contains("method=" + method);
    String ics = new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new CalendarBuilder().build(new StringReader(ics));
  }

  private static Part calendarPart(Part part) throws Exception {
    if (part.isMimeType("text/calendar")) {
      return part;
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        Part found = calendarPart(multipart.getBodyPart(i));
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static VEvent event(Calendar calendar) {
    return calendar.<VEvent>getComponent(Component.VEVENT).orElseThrow();
  }

  private static int sequence(VEvent event) {
    return event.<Sequence>getProperty(Property.SEQUENCE).orElseThrow().getSequenceNo();
  }
}
