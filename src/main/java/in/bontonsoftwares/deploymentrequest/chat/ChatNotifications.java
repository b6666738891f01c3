package in.bontonsoftwares.deploymentrequest.chat;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.chat.ChatMessage.Fact;
import in.bontonsoftwares.deploymentrequest.chat.ChatMessage.Link;
import in.bontonsoftwares.deploymentrequest.chat.ChatTargets.Destination;
import in.bontonsoftwares.deploymentrequest.mail.MailLinks;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.request.Environment;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hears the engine's execution events (Camunda's Spring eventing), and for each {@link ChatEvent}
 * of a request writes its messages into the outbox when the engine's transaction commits, with a
 * link to the task the event asks for (created after the event in the same transaction), and asks
 * {@link ChatDelivery} to send them once it has committed. A request's real-time channel is used
 * only when it is a Slack channel name; anything else is ignored, with a log line at each
 * submission.
 */
@Component
class ChatNotifications {

  private static final Logger LOG = LoggerFactory.getLogger(ChatNotifications.class);
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final ChatTargets targets;
  private final ChatOutbox outbox;
  private final ChatDelivery delivery;
  private final MailLinks links;
  private final ObjectProvider<TaskService> taskService;
  private final ObjectMapper json = new ObjectMapper();

  ChatNotifications(
      ChatTargets targets,
      ChatOutbox outbox,
      ChatDelivery delivery,
      MailLinks links,
      ObjectProvider<TaskService> taskService) {
    this.targets = targets;
    this.outbox = outbox;
    this.delivery = delivery;
    this.links = links;
    this.taskService = taskService;
  }

  @EventListener
  public void on(DelegateExecution execution) {
    if (!targets.any() || !isDeploymentRequest(execution)) {
      return;
    }
    ChatEvent event =
        ChatEvent.at(
            execution.getEventName(),
            execution.getCurrentActivityId(),
            execution.getCurrentTransitionId());
    if (event == null) {
      return;
    }
    ProcessVariables v = ProcessVariables.of(execution);
    if (!v.has(REQUEST_NUMBER)) {
      return;
    }
    Notice notice = notice(event, v, execution.getProcessInstanceId());
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      record(notice);
      delivery.soon();
      return;
    }
    context
        .getTransactionContext()
        .addTransactionListener(TransactionState.COMMITTING, committing -> record(notice));
    context
        .getTransactionContext()
        .addTransactionListener(TransactionState.COMMITTED, committed -> delivery.soon());
  }

  /** What the event says, read from the variables while the execution is at hand. */
  private record Notice(
      String key,
      ChatEvent event,
      String processInstanceId,
      String requestNumber,
      String environment,
      Optional<String> channel,
      String headline,
      List<Fact> facts,
      String detail) {}

  private Notice notice(ChatEvent event, ProcessVariables v, String processInstanceId) {
    String number = v.text(REQUEST_NUMBER);
    int revision = v.get(REVISION);
    String key = String.format(Locale.ROOT, "%s/%s/r%d", number, event.id(), revision);
    Date windowStart = v.get(CONFIRMED_WINDOW_START_AT);
    if (event.perWindow() && windowStart != null) {
      key += "/" + windowStart.toInstant();
    }
    String environment = v.text(ENVIRONMENT);
    String project = ChatText.shortened(v.text(PROJECT_NAME));
    String headline =
        number + " " + event.sentence() + ": " + project + " · " + Environment.labelOf(environment);
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact("Project", project));
    fact(facts, "Service", v.text(APPLICATION_NAME));
    fact(facts, "Version", v.text(VERSION));
    facts.add(new Fact("Environment", Environment.labelOf(environment)));
    if (revision > 1) {
      facts.add(new Fact("Revision", Integer.toString(revision)));
    }
    if (windowStart != null) {
      Date windowEnd = v.get(CONFIRMED_WINDOW_END_AT);
      facts.add(
          new Fact(
              "Window",
              WHEN.format(windowStart.toInstant())
                  + (windowEnd == null ? "" : " – " + WHEN.format(windowEnd.toInstant()))
                  + " UTC"));
    }
    fact(facts, "On call", v.text(ON_CALL_NAME));
    String detail =
        switch (event) {
          case CHANGES_REQUESTED, REJECTED, APPROVED -> v.text(REVIEW_COMMENTS);
          case DEPLOYMENT_STARTED -> v.text(DEPLOYMENT_STARTED);
          case DEPLOYMENT_SUCCEEDED, DEPLOYMENT_FAILED, DEPLOYMENT_FAILED_BY_PERSON ->
              v.text(EXECUTION_NOTES);
          case ROLLED_BACK -> v.text(ROLLBACK_REASON);
          default -> "";
        };
    return new Notice(
        key,
        event,
        processInstanceId,
        number,
        environment,
        requestChannel(number, v.get(REALTIME_CHANNEL), event == ChatEvent.SUBMITTED),
        headline,
        List.copyOf(facts),
        ChatText.shortened(detail));
  }

  private static void fact(List<Fact> facts, String label, String value) {
    if (!value.isBlank()) {
      facts.add(new Fact(label, ChatText.shortened(value)));
    }
  }

  private static Optional<String> requestChannel(String number, String value, boolean tell) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Optional<String> channel = ChatText.channel(value);
    if (channel.isEmpty() && tell) {
      // the value itself stays out of the log: it is whatever someone typed
      LOG.info(
          "Request {}: its real-time channel is not a Slack channel name (# and up to 80 of a-z 0-9 . _ -);"
              + " posting only to the configured channels",
          number);
    }
    return channel;
  }

  private void record(Notice notice) {
    List<Destination> destinations = targets.destinations(notice.environment(), notice.channel());
    if (destinations.isEmpty()) {
      return;
    }
    ChatMessage message =
        new ChatMessage(
            notice.requestNumber(),
            notice.event(),
            notice.headline(),
            notice.facts(),
            notice.detail(),
            new Link("Open request", links.requestPage(notice.requestNumber())),
            action(notice));
    for (Destination destination : destinations) {
      try {
        outbox.add(
            notice.key(),
            destination.id(),
            notice.requestNumber(),
            notice.event().id(),
            destination.name(),
            destination.channel(),
            json.writeValueAsString(
                ChatFormats.payload(destination.target().kind(), message, destination.channel())));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Could not write chat message " + notice.key(), e);
      }
    }
  }

  private Link action(Notice notice) {
    String taskKey = notice.event().task();
    if (taskKey == null) {
      return null;
    }
    List<Task> open =
        taskService
            .getObject()
            .createTaskQuery()
            .processInstanceId(notice.processInstanceId())
            .taskDefinitionKey(taskKey)
            .active()
            .list();
    if (open.size() != 1) {
      return new Link("Open Tasklist", links.tasklist());
    }
    return new Link(open.get(0).getName(), links.task(open.get(0).getId()));
  }

  private static boolean isDeploymentRequest(DelegateExecution execution) {
    String definitionId = execution.getProcessDefinitionId();
    return definitionId != null && definitionId.startsWith(DeploymentRequestProcess.KEY + ":");
  }
}
