package in.bontonsoftwares.deploymentrequest.mail;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Step;
import in.bontonsoftwares.deploymentrequest.archive.StepHistory;
import in.bontonsoftwares.deploymentrequest.checklist.ChecklistService;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties.Item;
import in.bontonsoftwares.deploymentrequest.display.Labels;
import in.bontonsoftwares.deploymentrequest.display.People;
import in.bontonsoftwares.deploymentrequest.display.Readable;
import in.bontonsoftwares.deploymentrequest.health.HealthChecks;
import in.bontonsoftwares.deploymentrequest.identity.Groups;
import in.bontonsoftwares.deploymentrequest.mail.MailMessage.Row;
import in.bontonsoftwares.deploymentrequest.mail.MailMessage.Section;
import in.bontonsoftwares.deploymentrequest.numbering.NumberGenerator;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.ReviewPoint;
import in.bontonsoftwares.deploymentrequest.process.Variable;
import in.bontonsoftwares.deploymentrequest.request.Environment;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Writes the emails of policy 3.1 from a request's variables: who receives them, the subject {@code
 * <Project> - <Environment> - <Purpose> - <yyyy-MM-dd>} (the date the request was made, so that all
 * mails of a request share it) and the contents the policy lists for each step.
 */
@Component
public class MailComposer {

  private static final DateTimeFormatter SUBJECT_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  private final DeploymentRequestProperties properties;
  private final ChecklistService checklist;
  private final StepHistory stepHistory;
  private final Clock clock;
  private final Labels labels;
  private final People people;
  private final MailLinks links;
  private final HealthChecks healthChecks;

  MailComposer(
      DeploymentRequestProperties properties,
      ChecklistService checklist,
      StepHistory stepHistory,
      Clock clock,
      Labels labels,
      People people,
      MailLinks links,
      HealthChecks healthChecks) {
    this.healthChecks = healthChecks;
    this.properties = properties;
    this.checklist = checklist;
    this.stepHistory = stepHistory;
    this.clock = clock;
    this.labels = labels;
    this.people = people;
    this.links = links;
  }

  public MailMessage compose(MailType type, ProcessVariables v, String processInstanceId) {
    // it goes into the Message-ID, References and the archive's link
    String number = NumberGenerator.requireValid(v.text(REQUEST_NUMBER));
    int revision = v.get(REVISION);
    String purpose =
        type == MailType.REQUEST && revision > 1
            ? String.format(Locale.ROOT, "%s (Revision %d)", type.purpose(), revision)
            : type.purpose();
    List<String> intro = new ArrayList<>();
    List<Section> sections = new ArrayList<>();
    Recipients recipients = new Recipients();
    String heading = purpose + " " + number;

    switch (type) {
      case SUBMITTED -> {
        recipients.to(v.get(REQUESTER_EMAIL));
        intro.add(
            "Your deployment request %s is submitted. Its number is %s: it names the request in every mail."
                .formatted(number, number));
        intro.add(
            "Next the pre-deployment checklist is checked; a complete request goes to DevSecOps for review."
                + " The request's page shows where it stands and who holds it.");
        sections.add(request(v));
        sections.add(window(v));
      }
      case CHECKLIST_INCOMPLETE -> {
        recipients.to(v.get(REQUESTER_EMAIL));
        intro.add(
            "Your deployment request %s cannot go to DevSecOps yet: the pre-deployment checklist (policy 3.1.2)"
                    .formatted(number)
                + " requires these items for %s and they are not complete:"
                    .formatted(Environment.labelOf(v.get(ENVIRONMENT))));
        sections.add(Section.text("Missing checklist items", v.text(CHECKLIST_MISSING)));
        intro.add(
            "Complete the checklist (or withdraw the request) in your task \"Complete checklist\" in Tasklist.");
        sections.add(request(v));
        sections.add(checklist(v));
      }
      case REQUEST -> {
        recipients.to(properties.mailbox()).cc(v.get(REQUESTER_EMAIL));
        intro.add(
            revision > 1
                ? "Revision %d of deployment request %s, amended after the requested changes, for DevSecOps review."
                    .formatted(revision, number)
                : "New deployment request %s for DevSecOps review.".formatted(number));
        intro.add("Review due by " + when(v.get(REVIEW_DUE)) + ".");
        sections.add(request(v));
        if (revision > 1) {
          sections.add(Section.text("Changes in this revision", v.text(AMENDMENT_NOTES)));
          sections.add(
              Section.text("Changed since the previous revision", v.text(REVISION_CHANGES)));
          sections.add(Section.text("Earlier reviews", v.text(EARLIER_REVIEWS)));
        }
        sections.add(checklist(v));
        sections.add(window(v));
        sections.add(Section.text("Rollback plan", v.text(ROLLBACK_PLAN)));
        sections.add(onCall(v));
        sections.add(verificationPlan(v));
      }
      case REVIEW_OVERDUE -> {
        recipients.to(properties.mailbox()).cc(v.get(REQUESTER_EMAIL));
        intro.add(
            "The DevSecOps review of deployment request %s (revision %d) was due by %s and is still open."
                .formatted(number, revision, when(v.get(REVIEW_DUE))));
        sections.add(request(v));
      }
      case CHANGES_REQUESTED -> {
        recipients.to(v.get(REQUESTER_EMAIL)).cc(properties.mailbox());
        intro.add(
            "DevSecOps requests changes to deployment request %s. Make them, then re-submit it from your task "
                    .formatted(number)
                + "\"Amend request\" in Tasklist; it will be checked and reviewed again.");
        sections.add(review(v));
        sections.add(request(v));
      }
      case REJECTED -> {
        recipients.to(v.get(REQUESTER_EMAIL)).cc(properties.mailbox());
        intro.add("DevSecOps rejected deployment request %s.".formatted(number));
        sections.add(review(v));
        sections.add(request(v));
      }
      case WITHDRAWN -> {
        recipients.to(v.get(REQUESTER_EMAIL));
        if (v.has(SUBMITTED_AT)) {
          recipients.cc(properties.mailbox());
        }
        intro.add("Deployment request %s was withdrawn by its requester.".formatted(number));
        sections.add(Section.text("Reason", v.text(WITHDRAWAL_REASON)));
        sections.add(request(v));
      }
      case SCHEDULE_CONFIRMED -> {
        recipients.to(properties.mailbox()).cc(stakeholders(v));
        intro.add(
            "The deployment window of %s is confirmed. Change ticket: %s."
                .formatted(number, v.text(CHANGE_TICKET_NUMBER)));
        sections.add(schedule(v));
        sections.add(request(v));
        sections.add(Section.text("Rollback procedure", v.text(ROLLBACK_PLAN)));
        sections.add(onCall(v));
      }
      case WINDOW_OPEN -> {
        recipients.to(devSecOpsMembers()).to(v.get(ON_CALL_EMAIL)).cc(properties.mailbox());
        intro.add(
            "The deployment window of %s is open now: %s until %s. Change ticket: %s."
                .formatted(
                    number,
                    when(v.get(CONFIRMED_WINDOW.start())),
                    when(v.get(CONFIRMED_WINDOW.end())),
                    v.text(CHANGE_TICKET_NUMBER)));
        intro.add(
            "DevSecOps: claim \"Execute deployment\" in Tasklist and deploy; on-call contact: be reachable on %s."
                .formatted(v.text(REALTIME_CHANNEL)));
        sections.add(schedule(v));
        sections.add(request(v));
        sections.add(Section.text("Rollback procedure", v.text(ROLLBACK_PLAN)));
        sections.add(onCall(v));
      }
      case VERIFICATION_STATUS -> {
        recipients.to(stakeholders(v)).cc(properties.mailbox());
        intro.add(
            "%s is deployed to %s and verified. Change ticket: %s."
                .formatted(
                    number, Environment.labelOf(v.get(ENVIRONMENT)), v.text(CHANGE_TICKET_NUMBER)));
        sections.add(execution(v));
        sections.add(request(v));
      }
      case CRITICAL_ISSUE -> {
        recipients.to(stakeholders(v)).to(devSecOpsMembers()).cc(properties.mailbox());
        intro.add(
            "A critical issue was detected in the deployment of %s to %s: it must be rolled back now. Change ticket: %s."
                .formatted(
                    number, Environment.labelOf(v.get(ENVIRONMENT)), v.text(CHANGE_TICKET_NUMBER)));
        intro.add(v.text(ROLLBACK_WEBHOOK_RESULT));
        intro.add(
            "DevSecOps: claim \"Roll back deployment\" in Tasklist and follow the rollback procedure; on-call contact: be reachable on %s."
                .formatted(v.text(REALTIME_CHANNEL)));
        sections.add(Section.text("Reason", v.text(ROLLBACK_REASON)));
        sections.add(Section.text("Health checks", healthChecks.summary(number)));
        sections.add(Section.text("Rollback procedure", v.text(ROLLBACK_PLAN)));
        sections.add(onCall(v));
        sections.add(request(v));
      }
      case ROLLED_BACK -> {
        recipients.to(stakeholders(v)).cc(properties.mailbox());
        intro.add(
            "The deployment of %s to %s was rolled back%s. Change ticket: %s."
                .formatted(
                    number,
                    Environment.labelOf(v.get(ENVIRONMENT)),
                    v.get(ROLLED_BACK_AUTOMATICALLY)
                        ? " automatically, by its rollback webhook"
                        : "",
                    v.text(CHANGE_TICKET_NUMBER)));
        sections.add(Section.text("Rollback", v.text(ROLLBACK_NOTES)));
        if (!healthChecks.results(number).isEmpty()) {
          sections.add(Section.text("Health checks", healthChecks.summary(number)));
        }
        sections.add(execution(v));
        sections.add(request(v));
      }
      case DEPLOYMENT_RECORD -> {
        recipients.to(properties.mailbox()).cc(v.get(REQUESTER_EMAIL));
        intro.add(
            "Deployment record of %s: outcome %s. Change ticket: %s."
                .formatted(
                    number,
                    labels.of(DEPLOYMENT_OUTCOME.name(), v.get(DEPLOYMENT_OUTCOME)),
                    v.text(CHANGE_TICKET_NUMBER)));
        sections.add(request(v));
        sections.add(schedule(v));
        sections.add(execution(v));
        sections.add(Section.text("Issues and resolutions", v.text(ISSUES_AND_RESOLUTIONS)));
        sections.add(Section.text("Post-deployment metrics", v.text(POST_DEPLOYMENT_METRICS)));
        sections.add(Section.text("Lessons learned", v.text(LESSONS_LEARNED)));
        sections.add(review(v));
        sections.add(checklist(v));
        sections.add(timeline(processInstanceId));
      }
      default -> throw new IllegalStateException("No mail written for " + type);
    }

    if (type == MailType.DEPLOYMENT_RECORD
        || type == MailType.REJECTED
        || type == MailType.WITHDRAWN) {
      sections.add(
          0,
          Section.rows(
              "Deployment record",
              List.of(
                  new Row(
                      "Attached PDF, also archived at",
                      properties.baseUrl() + "/api/records/" + number + "/pdf"))));
    }
    String key = String.format(Locale.ROOT, "%s/%s/r%d", number, type.name(), revision);
    String domain = properties.sender().substring(properties.sender().indexOf('@') + 1);
    String messageId =
        String.format(
            Locale.ROOT,
            "<%s.%s.r%d@%s>",
            number,
            type.name().toLowerCase(Locale.ROOT),
            revision,
            domain);
    String threadId = "<%s@%s>".formatted(number, domain);
    return new MailMessage(
        key,
        number,
        type,
        recipients.to,
        recipients.cc,
        subject(v, purpose),
        heading,
        intro,
        sections,
        List.of(links.toRequest(number)),
        messageId,
        threadId,
        List.of());
  }

  /**
   * The mail to a person that a task is theirs now ({@link MailType#TASK_ASSIGNED}) or waits in
   * their group's queue ({@link MailType#TASK_QUEUED}), with the link to the task. One per task,
   * event and person: the key holds all three.
   */
  public MailMessage composeTaskNotice(
      MailType type,
      ProcessVariables v,
      String taskId,
      String taskName,
      Date due,
      String group,
      String userId,
      String address) {
    String number = NumberGenerator.requireValid(v.text(REQUEST_NUMBER));
    String purpose = type.purpose() + ": " + oneLine(taskName);
    List<String> intro = new ArrayList<>();
    if (type == MailType.TASK_ASSIGNED) {
      intro.add("\"%s\" of deployment request %s is assigned to you.".formatted(taskName, number));
    } else {
      intro.add(
          "\"%s\" of deployment request %s waits in the queue of %s: claim it in Tasklist to work on it."
              .formatted(taskName, number, group));
    }
    if (due != null) {
      intro.add("Due by " + when(due) + ".");
    }
    String domain = domain();
    String who = userId.replaceAll("[^A-Za-z0-9._-]", "_");
    String event = type == MailType.TASK_ASSIGNED ? "assigned" : "queued";
    return new MailMessage(
        String.format(Locale.ROOT, "%s/%s/%s/%s", number, type.name(), taskId, userId),
        number,
        type,
        List.of(address),
        List.of(),
        subject(v, purpose),
        purpose + " " + number,
        intro,
        List.of(request(v)),
        List.of(links.toTask(taskId, taskName), links.toRequest(number)),
        "<%s.task.%s.%s.%s@%s>".formatted(number, taskId, event, who, domain),
        "<%s@%s>".formatted(number, domain),
        List.of());
  }

  /**
   * The mail to the requester and the mailbox that a freeze declared or changed after the window
   * was confirmed covers it: which freeze, its period, and what happens now. One per request,
   * window, freeze and period: the key holds all four, so saving the freeze again mails nobody.
   */
  public MailMessage composeWindowFrozen(
      ProcessVariables v,
      long freezeId,
      String freezeName,
      boolean blocks,
      String reason,
      Instant periodStart,
      Instant periodEnd) {
    String number = NumberGenerator.requireValid(v.text(REQUEST_NUMBER));
    Date windowStart = v.get(CONFIRMED_WINDOW.start());
    Date windowEnd = v.get(CONFIRMED_WINDOW.end());
    List<String> intro = new ArrayList<>();
    intro.add(
        "The confirmed window of %s (%s to %s) now falls into the freeze \"%s\" (%s to %s)."
            .formatted(
                number,
                when(windowStart),
                when(windowEnd),
                oneLine(freezeName),
                when(periodStart),
                when(periodEnd)));
    intro.add(
        blocks
            ? "The freeze blocks deployments: the pipeline gate holds this request (FROZEN) while"
                + " it lasts. DevSecOps: reschedule it; when the window opens, choose \"Reschedule\""
                + " in \"Execute deployment\" to confirm a new window."
            : "The freeze only warns: the deployment may go ahead in its window, knowingly.");
    List<Section> sections = new ArrayList<>();
    sections.add(
        Section.rows(
            "Freeze",
            List.of(
                new Row("Name", oneLine(freezeName)),
                new Row("Mode", blocks ? "Block" : "Warn"),
                new Row("Period", when(periodStart) + " to " + when(periodEnd)),
                new Row("Reason", reason == null ? "" : reason))));
    sections.add(schedule(v));
    sections.add(request(v));
    Recipients recipients = new Recipients().to(v.get(REQUESTER_EMAIL)).cc(properties.mailbox());
    String domain = domain();
    long window = windowStart == null ? 0 : windowStart.toInstant().getEpochSecond();
    long period = periodStart.getEpochSecond();
    return new MailMessage(
        String.format(
            Locale.ROOT,
            "%s/%s/f%d/%d/%d",
            number,
            MailType.WINDOW_FROZEN.name(),
            freezeId,
            window,
            period),
        number,
        MailType.WINDOW_FROZEN,
        recipients.to,
        recipients.cc,
        subject(v, MailType.WINDOW_FROZEN.purpose()),
        MailType.WINDOW_FROZEN.purpose() + " " + number,
        intro,
        sections,
        List.of(links.toRequest(number)),
        String.format(
            Locale.ROOT, "<%s.frozen.f%d.%d.%d@%s>", number, freezeId, window, period, domain),
        "<%s@%s>".formatted(number, domain),
        List.of());
  }

  private String domain() {
    return properties.sender().substring(properties.sender().indexOf('@') + 1);
  }

  /**
   * {@code <Project> - <Environment> - <Purpose> - <yyyy-MM-dd>}, on one line whatever a person
   * typed.
   */
  String subject(ProcessVariables v, String purpose) {
    Date requestedAt = v.get(REQUESTED_AT);
    Instant date = requestedAt == null ? clock.instant() : requestedAt.toInstant();
    return "%s - %s - %s - %s"
        .formatted(
            oneLine(v.text(PROJECT_NAME)),
            Environment.labelOf(v.get(ENVIRONMENT)),
            purpose,
            SUBJECT_DATE.format(date.atZone(properties.timeZone())));
  }

  static String oneLine(String text) {
    return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\s]+", " ").trim();
  }

  private Section request(ProcessVariables v) {
    return Section.rows(
        "Request",
        List.of(
            new Row("Request number", v.text(REQUEST_NUMBER)),
            new Row("Revision", String.valueOf(v.get(REVISION))),
            new Row(
                "Requester", "%s <%s>".formatted(v.text(REQUESTER_NAME), v.text(REQUESTER_EMAIL))),
            new Row("Project", v.text(PROJECT_NAME)),
            new Row("Application / service", v.text(APPLICATION_NAME)),
            new Row("Version / artifact", v.text(VERSION)),
            new Row("Environment", Environment.labelOf(v.get(ENVIRONMENT))),
            new Row("Change description", v.text(CHANGE_DESCRIPTION))));
  }

  private Section checklist(ProcessVariables v) {
    String environment = v.get(ENVIRONMENT);
    List<Row> rows = new ArrayList<>();
    for (Item item : checklist.items()) {
      boolean required = item.environments().contains(environment);
      String answer = v.get(ChecklistService.answer(item)) ? "[x] done" : "[ ] not done";
      String evidence = v.text(ChecklistService.evidence(item));
      rows.add(
          new Row(
              item.text(),
              answer
                  + (required ? "" : " (optional here)")
                  + (evidence.isEmpty() ? "" : " - evidence: " + evidence)));
    }
    return Section.rows("Pre-deployment checklist (policy 3.1.2)", rows);
  }

  private Section window(ProcessVariables v) {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("Start", windowTime(v.get(PREFERRED_WINDOW.start()))));
    rows.add(new Row("End", windowTime(v.get(PREFERRED_WINDOW.end()))));
    conflicts(v, PREFERRED_WINDOW.conflicts(), rows);
    return Section.rows("Preferred deployment window", rows);
  }

  /** What the window clashed with when it was checked (freezes, deployments, on-call), if known. */
  private static void conflicts(ProcessVariables v, Variable<String> conflicts, List<Row> rows) {
    if (v.has(conflicts)) {
      rows.add(new Row("Conflicts", v.text(conflicts)));
    }
  }

  private Section onCall(ProcessVariables v) {
    return Section.rows(
        "On-call contact",
        List.of(
            new Row("Name", v.text(ON_CALL_NAME)),
            new Row("Email", v.text(ON_CALL_EMAIL)),
            new Row("Phone", v.text(ON_CALL_PHONE)),
            new Row("Real-time channel", v.text(REALTIME_CHANNEL))));
  }

  private Section verificationPlan(ProcessVariables v) {
    return Section.rows(
        "Application / service details and verification",
        List.of(
            new Row("Health-check URL", v.text(HEALTH_CHECK_URL)),
            new Row("Smoke tests by the team", yesNo(v.get(SMOKE_TESTS_APPLY))),
            new Row("QA validation", yesNo(v.get(QA_VALIDATION_APPLIES))),
            new Row("Stakeholders", v.text(STAKEHOLDER_EMAILS))));
  }

  private Section review(ProcessVariables v) {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("Reviewer", people.name(v.get(REVIEWER))));
    rows.add(new Row("Decision", labels.of(REVIEW_DECISION.name(), v.get(REVIEW_DECISION))));
    rows.add(new Row("Risk level", labels.of(RISK_LEVEL.name(), v.get(RISK_LEVEL))));
    for (ReviewPoint point : ReviewPoint.values()) {
      rows.add(new Row(point.label(), yesNo(v.get(point.variable()))));
    }
    rows.add(new Row("Comments", v.text(REVIEW_COMMENTS)));
    return Section.rows("DevSecOps review", rows);
  }

  private Section schedule(ProcessVariables v) {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("Change ticket", v.text(CHANGE_TICKET_NUMBER)));
    rows.add(new Row("Confirmed window start", windowTime(v.get(CONFIRMED_WINDOW.start()))));
    rows.add(new Row("Confirmed window end", windowTime(v.get(CONFIRMED_WINDOW.end()))));
    conflicts(v, CONFIRMED_WINDOW.conflicts(), rows);
    if (v.get(BREAK_GLASS_APPROVED)) {
      rows.add(new Row("Break-glass", "Approved by " + people.name(v.get(BREAK_GLASS_DECIDED_BY))));
      rows.add(new Row("Inside the freeze", v.text(BREAK_GLASS_FREEZES)));
      rows.add(new Row("Break-glass justification", v.text(BREAK_GLASS_JUSTIFICATION)));
      if (v.has(BREAK_GLASS_COMMENT)) {
        rows.add(new Row("Approver's comment", v.text(BREAK_GLASS_COMMENT)));
      }
    }
    rows.add(
        new Row(
            "Preferred window",
            windowTime(v.get(PREFERRED_WINDOW.start()))
                + " to "
                + windowTime(v.get(PREFERRED_WINDOW.end()))));
    rows.add(new Row("Rollback procedure confirmed", yesNo(v.get(ROLLBACK_PROCEDURE_CONFIRMED))));
    rows.add(new Row("Scheduling notes", v.text(SCHEDULING_NOTES)));
    rows.add(
        new Row(
            "On-call contact",
            "%s, %s, %s"
                .formatted(v.text(ON_CALL_NAME), v.text(ON_CALL_EMAIL), v.text(ON_CALL_PHONE))));
    rows.add(new Row("Real-time channel", v.text(REALTIME_CHANNEL)));
    return Section.rows("Schedule", rows);
  }

  private Section execution(ProcessVariables v) {
    List<Row> rows = new ArrayList<>();
    rows.add(
        new Row(
            "Execution outcome", labels.of(EXECUTION_OUTCOME.name(), v.get(EXECUTION_OUTCOME))));
    rows.add(new Row("Execution notes", v.text(EXECUTION_NOTES)));
    rows.add(new Row("Verification", v.text(VERIFICATION_SUMMARY)));
    rows.add(
        new Row(
            "Deployment outcome", labels.of(DEPLOYMENT_OUTCOME.name(), v.get(DEPLOYMENT_OUTCOME))));
    if (v.has(ROLLBACK_NOTES)) {
      rows.add(new Row("Rollback notes", v.text(ROLLBACK_NOTES)));
    }
    return Section.rows("Execution and verification", rows);
  }

  /** Every step the request went through, with its timestamps and the person who did it. */
  private Section timeline(String processInstanceId) {
    List<Row> rows = new ArrayList<>();
    for (Step step : stepHistory.steps(processInstanceId)) {
      String who = step.user() == null ? "" : " by " + people.name(step.user());
      String end = step.ended() == null ? "in progress" : when(step.ended());
      rows.add(new Row(step.name(), when(step.started()) + " - " + end + who));
    }
    return Section.rows("Timeline", rows);
  }

  private List<String> stakeholders(ProcessVariables v) {
    List<String> all = new ArrayList<>(RequestValidator.splitEmails(v.get(STAKEHOLDER_EMAILS)));
    all.add(v.get(ON_CALL_EMAIL));
    all.add(v.get(REQUESTER_EMAIL));
    return all;
  }

  /** The addresses of the DevSecOps group's members, as the identity service has them. */
  private List<String> devSecOpsMembers() {
    return people.members(Groups.DEVSECOPS).stream()
        .map(people::email)
        .flatMap(java.util.Optional::stream)
        .toList();
  }

  private String when(Date date) {
    return date == null ? "" : when(date.toInstant());
  }

  private String when(Instant instant) {
    return Readable.dateTime(instant, zone());
  }

  private String windowTime(Date date) {
    return when(date);
  }

  private ZoneId zone() {
    return properties.timeZone();
  }

  private static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }

  /** To and cc, each address once (case-insensitive), never in both. */
  private static final class Recipients {
    private final Map<String, String> seen = new LinkedHashMap<>();
    private final List<String> to = new ArrayList<>();
    private final List<String> cc = new ArrayList<>();

    Recipients to(String... addresses) {
      return add(to, Arrays.asList(addresses));
    }

    Recipients to(List<String> addresses) {
      return add(to, addresses);
    }

    Recipients cc(String... addresses) {
      return add(cc, Arrays.asList(addresses));
    }

    Recipients cc(List<String> addresses) {
      return add(cc, addresses);
    }

    private Recipients add(List<String> target, List<String> addresses) {
      for (String address : addresses) {
        if (RequestValidator.isEmail(address)
            && seen.putIfAbsent(address.toLowerCase(Locale.ROOT), address) == null) {
          target.add(address);
        }
      }
      return this;
    }
  }
}
