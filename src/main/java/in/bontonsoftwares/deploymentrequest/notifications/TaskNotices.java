package in.bontonsoftwares.deploymentrequest.notifications;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REQUESTER;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.REQUEST_NUMBER;

import in.bontonsoftwares.deploymentrequest.display.People;
import in.bontonsoftwares.deploymentrequest.mail.MailComposer;
import in.bontonsoftwares.deploymentrequest.mail.MailMessage;
import in.bontonsoftwares.deploymentrequest.mail.MailService;
import in.bontonsoftwares.deploymentrequest.mail.MailType;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A mail to a person when a task of a request is assigned to them, or lands in the queue of a group
 * of theirs when it is created, unless their setting is {@link TaskMails#OFF}. Never to the person
 * who just did it (claimed it, assigned it to themselves), never to the requester about a task of
 * their own request's queue (separation of duties keeps them from it), and not where a mail of the
 * process already asks that person for this task with its link ("Checklist Incomplete", "Changes
 * Requested", "Deployment Window Open").
 *
 * <p>The mails go after the engine's transaction commits, from a thread of their own (a refused or
 * rolled-back assignment mails nobody, and Tasklist does not wait for SMTP); the sent-mail log's
 * key (request, type, task, person) makes it one mail per task, event and person.
 */
@Component
class TaskNotices {

  private static final Logger LOG = LoggerFactory.getLogger(TaskNotices.class);

  /** Tasks whose assignment or queue a mail of the process announces already. */
  private static final Map<String, MailType> ANNOUNCED =
      Map.of(
          Element.COMPLETE_CHECKLIST, MailType.TASK_ASSIGNED,
          Element.AMEND_REQUEST, MailType.TASK_ASSIGNED,
          Element.EXECUTE_DEPLOYMENT, MailType.TASK_QUEUED);

  private final MailComposer composer;
  private final MailService mailService;
  private final NotificationSettings settings;
  private final People people;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "task-notices");
            thread.setDaemon(true);
            return thread;
          });

  TaskNotices(
      MailComposer composer,
      MailService mailService,
      NotificationSettings settings,
      People people) {
    this.composer = composer;
    this.mailService = mailService;
    this.settings = settings;
    this.people = people;
  }

  /** Camunda's Spring eventing publishes every task event of every user task. */
  @EventListener
  public void on(DelegateTask task) {
    if (!DeploymentRequestProcess.KEY.equals(processKey(task))) {
      return;
    }
    String event = task.getEventName();
    if (TaskListener.EVENTNAME_CREATE.equals(event) && task.getAssignee() == null) {
      notify(task, MailType.TASK_QUEUED);
    } else if (TaskListener.EVENTNAME_ASSIGNMENT.equals(event) && task.getAssignee() != null) {
      notify(task, MailType.TASK_ASSIGNED);
    }
  }

  private void notify(DelegateTask task, MailType type) {
    ProcessVariables v = ProcessVariables.of(task);
    if (!v.has(REQUEST_NUMBER)) {
      return;
    }
    String requester = v.get(REQUESTER);
    String actor = actor(task);
    List<String> groups = new ArrayList<>();
    Set<String> recipients = new LinkedHashSet<>();
    if (type == MailType.TASK_ASSIGNED) {
      if (!(ANNOUNCED.get(task.getTaskDefinitionKey()) == type
          && task.getAssignee().equals(requester))) {
        recipients.add(task.getAssignee());
      }
    } else if (ANNOUNCED.get(task.getTaskDefinitionKey()) != type) {
      for (IdentityLink link : task.getCandidates()) {
        if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
          groups.add(link.getGroupId());
          people.members(link.getGroupId()).forEach(recipients::add);
        }
      }
      recipients.remove(requester);
    }
    recipients.remove(actor);
    List<MailMessage> mails = new ArrayList<>();
    for (String userId : recipients) {
      if (settings.taskMails(userId) == TaskMails.OFF) {
        continue;
      }
      people
          .email(userId)
          .ifPresent(
              address ->
                  mails.add(
                      composer.composeTaskNotice(
                          type,
                          v,
                          task.getId(),
                          task.getName(),
                          task.getDueDate(),
                          String.join(", ", groups),
                          userId,
                          address)));
    }
    if (!mails.isEmpty()) {
      afterCommit(mails);
    }
  }

  private void afterCommit(List<MailMessage> mails) {
    Runnable send =
        () ->
            sender.execute(
                () -> {
                  for (MailMessage mail : mails) {
                    try {
                      mailService.send(mail);
                    } catch (RuntimeException e) {
                      // the task is in Tasklist either way; a task mail is not retried
                      LOG.warn("Could not send {}: {}", mail.key(), e.toString());
                    }
                  }
                });
    if (Context.getCommandContext() == null) {
      send.run();
      return;
    }
    Context.getCommandContext()
        .getTransactionContext()
        .addTransactionListener(TransactionState.COMMITTED, committed -> send.run());
  }

  private static String actor(DelegateTask task) {
    Authentication current =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return current == null ? null : current.getUserId();
  }

  private static String processKey(DelegateTask task) {
    String definitionId = task.getProcessDefinitionId();
    return definitionId == null || definitionId.indexOf(':') < 0
        ? definitionId
        : definitionId.substring(0, definitionId.indexOf(':'));
  }

  @PreDestroy
  void stop() {
    sender.shutdown();
  }
}
