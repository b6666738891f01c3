package in.bontonsoftwares.deploymentrequest.process;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.mail.ReceivedMails;
import in.bontonsoftwares.deploymentrequest.request.RequestValidationException;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.JobQuery;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The real application (engine, delegates, embedded SMTP server) with an in-memory database; the
 * test plays the people, completing tasks through the form service as Tasklist does, and runs the
 * jobs itself.
 */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
public abstract class ProcessTestSupport {

  @Autowired protected ProcessEngine engine;
  @Autowired protected RuntimeService runtimeService;
  @Autowired protected FormService formService;
  @Autowired protected TaskService taskService;
  @Autowired protected IdentityService identityService;
  @Autowired protected RepositoryService repositoryService;
  @Autowired protected ManagementService managementService;
  @Autowired protected GreenMail smtp;
  @Autowired protected DeploymentRequestProperties properties;
  @Autowired protected HistoryService historyService;

  @BeforeEach
  void initAssertionsAndMailbox() throws Exception {
    BpmnAwareTests.init(engine);
    smtp.purgeEmailFromAllMailboxes();
  }

  @AfterEach
  void signOut() {
    identityService.clearAuthentication();
  }

  /** The day the request was submitted, in the app's zone: the date of its mails' subjects. */
  protected LocalDate requestDate(ProcessInstance instance) {
    return TestClock.dateInAppZone(
        historyService
            .createHistoricProcessInstanceQuery()
            .processInstanceId(instance.getId())
            .singleResult()
            .getStartTime()
            .toInstant());
  }

  protected Map<String, Object> validRequest() {
    return TestRequests.validRequest(properties);
  }

  /** The requester submits the start form, as Tasklist's "Start process" does. */
  protected ProcessInstance submit(String requester, Map<String, Object> request) {
    signIn(requester);
    String definitionId =
        repositoryService
            .createProcessDefinitionQuery()
            .processDefinitionKey(KEY)
            .latestVersion()
            .singleResult()
            .getId();
    try {
      return formService.submitStartForm(definitionId, request);
    } finally {
      // also when the start is refused: a test that goes on as the requester would see only
      // what the requester may see
      identityService.clearAuthentication();
    }
  }

  /**
   * A person claims (when needed) and completes the one open task with that key through its form.
   */
  /**
   * {@code user} completes the task with {@code form}, claiming it first when nobody has; a task
   * that is not there yet waits behind the jobs before it (the watch window after a deployment, the
   * rollback webhook before a rollback), which run first, as the job executor would.
   */
  protected void complete(
      ProcessInstance instance, String taskKey, String user, Map<String, Object> form) {
    if (task(instance, taskKey) == null) {
      runDueJobsButTimers(instance);
    }
    Task task = task(instance, taskKey);
    assertThat(task).as(taskKey + " open").isNotNull();
    signIn(user);
    try {
      if (task.getAssignee() == null) {
        taskService.claim(task.getId(), user);
      }
      formService.submitTaskForm(task.getId(), form);
    } finally {
      identityService.clearAuthentication();
    }
  }

  protected Task task(ProcessInstance instance, String taskKey) {
    return taskService
        .createTaskQuery()
        .processInstanceId(instance.getId())
        .taskDefinitionKey(taskKey)
        .singleResult();
  }

  /**
   * {@code request} submitted by dana, approved by sofia and scheduled for a window that opens now:
   * waiting at "Execute deployment", unclaimed.
   */
  protected ProcessInstance atExecution(Map<String, Object> request) {
    ProcessInstance instance = submit("dana", request);
    runDueJobs(instance);
    complete(
        instance,
        DeploymentRequestProcess.Element.REVIEW_REQUEST,
        "sofia",
        TestRequests.review(DeploymentRequestProcess.Value.DECISION_APPROVE, "Looks good"));
    runDueJobs(instance);
    complete(
        instance,
        DeploymentRequestProcess.Element.SCHEDULE_DEPLOYMENT,
        "sofia",
        TestRequests.scheduleNow());
    runDueJobs(instance);
    BpmnAwareTests.assertThat(instance)
        .isWaitingAt(DeploymentRequestProcess.Element.EXECUTE_DEPLOYMENT);
    return instance;
  }

  /**
   * Runs every job that is due, as the job executor would, until the process waits for a person or
   * a time.
   */
  protected void runDueJobs(ProcessInstance instance) {
    runDueJobs(instance, UnaryOperator.identity());
  }

  /**
   * Runs every due job but the timers, until the process waits for a person or a time: e.g. at a
   * window timer that is already due.
   */
  protected void runDueJobsButTimers(ProcessInstance instance) {
    runDueJobs(instance, JobQuery::messages);
  }

  private void runDueJobs(ProcessInstance instance, UnaryOperator<JobQuery> which) {
    for (int round = 0; round < 50; round++) {
      List<Job> due = dueJobs(instance, which);
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
    throw new IllegalStateException("Jobs keep coming: a loop in the model?");
  }

  /**
   * The jobs of the request and of its health checks during execution (a process of their own) that
   * {@code which} selects: executable ones, or all with {@code executable = false}.
   */
  protected List<Job> jobs(
      ProcessInstance instance, UnaryOperator<JobQuery> which, boolean executable) {
    List<String> instances = new ArrayList<>(List.of(instance.getId()));
    runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey(ExecutionHealthChecksProcess.KEY)
        .variableValueEquals(
            ExecutionHealthChecksProcess.REQUEST_PROCESS_INSTANCE_ID.name(), instance.getId())
        .list()
        .forEach(rounds -> instances.add(rounds.getId()));
    List<Job> jobs = new ArrayList<>();
    for (String id : instances) {
      JobQuery query = which.apply(managementService.createJobQuery().processInstanceId(id));
      jobs.addAll((executable ? query.executable() : query).list());
    }
    return jobs;
  }

  private List<Job> dueJobs(ProcessInstance instance, UnaryOperator<JobQuery> which) {
    return jobs(instance, which, true);
  }

  protected void signIn(String user) {
    List<String> groups =
        identityService.createGroupQuery().groupMember(user).list().stream()
            .map(Group::getId)
            .toList();
    identityService.setAuthentication(user, groups);
  }

  /**
   * Every mail of the process received, once each (the server keeps one copy per recipient), in the
   * order sent; without the task mails to people ({@link ReceivedMails#isTaskNotice}), which go
   * after commit on a thread of their own: {@link #taskNotices()} has them.
   */
  protected List<MimeMessage> mails() throws MessagingException {
    return received(false);
  }

  /**
   * The mails to people about a task assigned to them or waiting in their group's queue, once each,
   * in the order received.
   */
  protected List<MimeMessage> taskNotices() throws MessagingException {
    return received(true);
  }

  /**
   * The one mail of the process whose purpose, the subject's third part {@code <Project> -
   * <Environment> - <Purpose> - <date>}, is {@code purpose}; fails when there is none or several.
   */
  protected MimeMessage mail(String purpose) throws MessagingException {
    List<MimeMessage> matching = new ArrayList<>();
    List<String> subjects = new ArrayList<>();
    for (MimeMessage message : mails()) {
      subjects.add(message.getSubject());
      if (message.getSubject().contains(" - " + purpose + " - ")) {
        matching.add(message);
      }
    }
    if (matching.size() != 1) {
      throw new AssertionError(
          "Expected one mail \"%s\", found %d among %s"
              .formatted(purpose, matching.size(), subjects));
    }
    return matching.get(0);
  }

  private List<MimeMessage> received(boolean taskNotices) throws MessagingException {
    return ReceivedMails.inOrderSent(smtp, taskNotices);
  }

  /** This request's task mails, as {@code <purpose> -> <recipient's address>}. */
  protected List<String> taskNotices(ProcessInstance request) throws MessagingException {
    List<String> notices = new ArrayList<>();
    for (MimeMessage notice : taskNotices()) {
      if (notice.getMessageID().startsWith("<" + request.getBusinessKey() + ".")) {
        for (Address to : notice.getRecipients(Message.RecipientType.TO)) {
          notices.add(
              notice.getSubject().split(" - ")[2] + " -> " + ((InternetAddress) to).getAddress());
        }
      }
    }
    return notices;
  }

  protected List<String> subjects() throws MessagingException {
    List<String> subjects = new ArrayList<>();
    for (MimeMessage message : mails()) {
      subjects.add(message.getSubject());
    }
    return subjects;
  }

  /** The plain-text part of a mail, decoded. */
  protected static String text(Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return part.getContent().toString();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = text(multipart.getBodyPart(i));
        if (!text.isEmpty()) {
          return text;
        }
      }
    }
    return "";
  }

  protected static RequestValidationException validationFailure(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof RequestValidationException invalid) {
        return invalid;
      }
    }
    throw new AssertionError("Expected a refusal of invalid input, got " + thrown, thrown);
  }
}
