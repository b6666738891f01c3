package in.bontonsoftwares.deploymentrequest.mail;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.display.Readable;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessTestSupport;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * What people read in the mails: labels, names, the one date-time format, and links to the
 * request's page and to exactly the task a mail asks for; the confirmation, the window-open mail
 * and the task notices.
 */
@DependsOnTime
class ReadableMailTest extends ProcessTestSupport {

  private static final String TASKLIST = "/camunda/app/tasklist/default/#/?task=";

  private String number = "";

  @Test
  void shouldConfirmTheSubmissionToTheRequesterWithTheNumberAndTheRequestsPage() throws Exception {
    ProcessInstance request = submit("dana", validRequest());
    runDueJobs(request);

    MimeMessage confirmation = mail("Deployment Request Received");
    String number = request.getBusinessKey();
    assertThat(to(confirmation)).containsExactly("dana@example.com");
    assertThat(text(confirmation))
        .contains(
            "Your deployment request " + number + " is submitted",
            properties.baseUrl() + "/requests.html?request=" + number);
  }

  @Test
  void shouldLinkEachMailThatAsksToActToItsTaskAndShowLabelsNamesAndOneFormat() throws Exception {
    ProcessInstance request = submit("dana", validRequest());
    runDueJobs(request);
    String number = request.getBusinessKey();

    MimeMessage review = mail("Deployment Request");
    String reviewTask = task(request, REVIEW_REQUEST).getId();
    Date due = (Date) runtimeService.getVariable(request.getId(), REVIEW_DUE);
    assertThat(text(review))
        .contains(
            properties.baseUrl() + TASKLIST + reviewTask,
            "Open \"Review deployment request\" in Tasklist",
            properties.baseUrl() + "/requests.html?request=" + number,
            "Review due by " + Readable.dateTime(due.toInstant(), properties.timeZone()) + ".")
        .contains(" IST (Asia/Kolkata)")
        .doesNotContain("T" + "00:00Z");

    Map<String, Object> changes =
        new java.util.HashMap<>(
            TestRequests.review(Value.DECISION_REQUEST_CHANGES, "Add the migration to the plan"));
    changes.put(RISK_LEVEL, "medium");
    complete(request, REVIEW_REQUEST, "sofia", changes);
    runDueJobs(request);

    MimeMessage changesRequested = mail("Changes Requested");
    assertThat(text(changesRequested))
        .contains(
            "Decision: Request changes",
            "Risk level: Medium",
            "Reviewer: Sofia Secops",
            properties.baseUrl() + TASKLIST + task(request, AMEND_REQUEST).getId())
        .doesNotContain("requestChanges", "Reviewer: sofia");
  }

  @Test
  void shouldTellDevSecOpsAndTheOnCallContactWhenTheWindowOpens() throws Exception {
    ProcessInstance request = submit("dana", validRequest());
    runDueJobs(request);
    complete(request, REVIEW_REQUEST, "sofia", TestRequests.review(Value.DECISION_APPROVE, "Fine"));
    runDueJobs(request);
    complete(request, SCHEDULE_DEPLOYMENT, "sofia", TestRequests.scheduleNow());
    runDueJobs(request);

    MimeMessage open = mail("Deployment Window Open");
    assertThat(to(open)).contains("sofia@example.com", "sam@example.com", "olivia@example.com");
    assertThat(text(open))
        .contains(
            "The deployment window of " + request.getBusinessKey() + " is open now",
            properties.baseUrl() + TASKLIST + task(request, EXECUTE_DEPLOYMENT).getId());
    // the window-open mail announces "Execute deployment": no queue notice besides it
    number = request.getBusinessKey();
    assertThat(recipientsOf("Task Waiting: Execute deployment")).isEmpty();
  }

  @Test
  void shouldMailTheGroupWhenATaskLandsInItsQueueAndAPersonWhenItIsAssignedToThem()
      throws Exception {
    ProcessInstance request = submit("dana", validRequest());
    number = request.getBusinessKey();
    runDueJobs(request);
    String reviewTask = task(request, REVIEW_REQUEST).getId();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> recipientsOf("Task Waiting: Review deployment request").size() == 2);
    assertThat(recipientsOf("Task Waiting: Review deployment request"))
        .containsExactlyInAnyOrder("sofia@example.com", "sam@example.com");
    MimeMessage queued =
        taskNotices().stream()
            .filter(m -> messageId(m).startsWith("<" + number + ".task."))
            .findFirst()
            .orElseThrow();
    assertThat(text(queued)).contains(properties.baseUrl() + TASKLIST + reviewTask);

    // sofia claims it herself: nobody is told; then it is handed to sam: sam is told, once
    signIn("sofia");
    try {
      taskService.claim(reviewTask, "sofia");
    } finally {
      identityService.clearAuthentication();
    }
    taskService.setAssignee(reviewTask, "sam");
    taskService.setAssignee(reviewTask, null);
    taskService.setAssignee(reviewTask, "sam");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !recipientsOf("Task Assigned: Review deployment request").isEmpty());
    assertThat(recipientsOf("Task Assigned: Review deployment request"))
        .containsExactly("sam@example.com");
    MimeMessage assigned =
        taskNotices().stream()
            .filter(m -> messageId(m).startsWith("<" + number + "."))
            .filter(m -> subject(m).contains("Task Assigned"))
            .findFirst()
            .orElseThrow();
    assertThat(text(assigned))
        .contains("is assigned to you", properties.baseUrl() + TASKLIST + reviewTask);
  }

  /**
   * Every address a notice of this test's request with this purpose went to (one mail per person; a
   * notice of an earlier test's request may still arrive after the mailbox was emptied).
   */
  private List<String> recipientsOf(String purpose) throws Exception {
    return taskNotices().stream()
        .filter(m -> messageId(m).startsWith("<" + number + "."))
        .filter(m -> subject(m).contains(" - " + purpose + " - "))
        .flatMap(m -> to(m).stream())
        .toList();
  }

  private static String messageId(MimeMessage mail) {
    try {
      return mail.getMessageID();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> to(MimeMessage mail) {
    try {
      return mail.getRecipients(RecipientType.TO) == null
          ? List.of()
          : Arrays.stream(mail.getRecipients(RecipientType.TO))
              .map(a -> ((InternetAddress) a).getAddress())
              .toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
