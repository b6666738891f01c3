package in.bontonsoftwares.deploymentrequest.mail;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.database.SqlInstant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends the mails of a request, once each. Mail tasks run as jobs, which the engine may run more
 * than once (a retry after a failure, a node that died after sending): the sent-mail log, written
 * in the job's transaction with the mail's key as primary key, turns a repeated job into a no-op,
 * and a stable {@code Message-ID} lets mail clients drop the rare copy sent just before a crash.
 */
@Service
public class MailService {

  private static final Logger LOG = LoggerFactory.getLogger(MailService.class);

  private final JavaMailSender mailSender;
  private final JdbcTemplate jdbc;
  private final DeploymentRequestProperties properties;
  private final Clock clock;
  private final Template html;
  private final Template text;
  private final Counter failures;
  private final ObjectProvider<TaskService> taskService;
  private final MailLinks links;

  MailService(
      JavaMailSender mailSender,
      JdbcTemplate jdbc,
      DeploymentRequestProperties properties,
      Clock clock,
      MeterRegistry meters,
      ObjectProvider<TaskService> taskService,
      MailLinks links) {
    this.taskService = taskService;
    this.links = links;
    this.failures =
        Counter.builder("deployment.mail.failures")
            .description("Mails the SMTP server did not take (the job is retried)")
            .register(meters);
    this.mailSender = mailSender;
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
    this.html =
        Mustache.compiler()
            .escapeHTML(true)
            .defaultValue("")
            .emptyStringIsFalse(true)
            .compile(template("mail/message.html.mustache"));
    this.text =
        Mustache.compiler()
            .escapeHTML(false)
            .defaultValue("")
            .emptyStringIsFalse(true)
            .compile(template("mail/message.txt.mustache"));
  }

  /**
   * Sends a mail of a process instance when the job's transaction commits, once the engine has
   * written everything the job did: a job that fails there (another job of the same request changed
   * it at the same time, as the confirmation beside the checklist check can on a second node) is
   * rolled back and retried without having sent its mail. A mail that asks someone to act ({@link
   * MailType#task()}) links to exactly that task, which is created after the mail task in the same
   * transaction. Sending fails the commit, so an SMTP failure still fails the job and is retried
   * like any other.
   */
  public void sendFor(MailMessage message, String processInstanceId) {
    String taskKey = message.type().task();
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      send(linkedToTask(message, processInstanceId, taskKey));
      return;
    }
    context
        .getTransactionContext()
        .addTransactionListener(
            TransactionState.COMMITTING,
            committing -> send(linkedToTask(message, processInstanceId, taskKey)));
  }

  private MailMessage linkedToTask(MailMessage message, String processInstanceId, String taskKey) {
    if (taskKey == null) {
      return message;
    }
    List<Task> open =
        taskService
            .getObject()
            .createTaskQuery()
            .processInstanceId(processInstanceId)
            .taskDefinitionKey(taskKey)
            .active()
            .list();
    if (open.size() != 1) {
      LOG.warn(
          "Mail {} asks for {}, which is not open once in {}: linking to Tasklist",
          message.key(),
          taskKey,
          processInstanceId);
      return message.withFirst(new MailMessage.Link("Open Tasklist", links.tasklist()));
    }
    return message.withFirst(links.toTask(open.get(0).getId(), open.get(0).getName()));
  }

  /** Sends the mail unless a mail with the same key was sent before; returns whether it sent. */
  @Transactional
  public boolean send(MailMessage message) {
    Integer earlier =
        jdbc.queryForObject(
            "select count(*) from sent_mail where mail_key = ?", Integer.class, message.key());
    if (earlier != null && earlier > 0) {
      LOG.info("Mail {} was sent before; not sending it again", message.key());
      return false;
    }
    jdbc.update(
        "insert into sent_mail (mail_key, message_id, request_number, mail_type, subject, recipients, sent_at)"
            + " values (?, ?, ?, ?, ?, ?, ?)",
        message.key(),
        message.messageId(),
        message.requestNumber(),
        message.type().name(),
        message.subject(),
        String.join(", ", recipients(message)),
        SqlInstant.of(clock.instant()));
    try {
      mailSender.send(mime(message));
    } catch (MailException e) {
      failures.increment();
      throw e;
    }
    LOG.info("Sent {} to {}: {}", message.key(), recipients(message), message.subject());
    return true;
  }

  /**
   * The mail as it goes over SMTP: a text and an HTML part, threaded under the request's first
   * mail.
   */
  MimeMessage mime(MailMessage message) {
    try {
      MimeMessage mime = new StableIdMimeMessage(message.messageId());
      MimeMessageHelper helper = new SharedTypesHelper(mime);
      helper.setFrom(properties.sender(), "Deployment Request Process");
      helper.setTo(message.to().toArray(String[]::new));
      helper.setCc(message.cc().toArray(String[]::new));
      helper.setSubject(message.subject());
      helper.setText(text.execute(message), html.execute(message));
      for (MailMessage.Attachment attachment : message.attachments()) {
        helper.addAttachment(
            attachment.fileName(),
            new ByteArrayResource(attachment.content()),
            attachment.contentType());
      }
      if (!message.messageId().equals(message.threadId())) {
        mime.setHeader("In-Reply-To", message.threadId());
        mime.setHeader("References", message.threadId());
      }
      return mime;
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("Could not write mail " + message.key(), e);
    }
  }

  private static List<String> recipients(MailMessage message) {
    List<String> all = new ArrayList<>(message.to());
    all.addAll(message.cc());
    return all;
  }

  private static Reader template(String path) {
    try {
      return new InputStreamReader(
          new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Jakarta Mail replaces the {@code Message-ID} on every save; a repeated send must keep it. The
   * session only gives the message its MIME defaults (the sender sends with its own): one for all,
   * since a new one reads Jakarta Mail's provider files from the class path every time (found by
   * the benchmark's profile, README "Performance").
   */
  private static final class StableIdMimeMessage extends MimeMessage {
    private static final Session DEFAULTS = Session.getInstance(new Properties());
    private final String messageId;

    StableIdMimeMessage(String messageId) {
      super(DEFAULTS);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }

  /**
   * A multipart UTF-8 helper with one file-type map for all mails: Spring builds and loads a new
   * one (parsing its mime.types) for every message that its own sender did not create.
   */
  private static final class SharedTypesHelper extends MimeMessageHelper {
    private static final FileTypeMap TYPES = loaded(new ConfigurableMimeFileTypeMap());

    SharedTypesHelper(MimeMessage mime) throws MessagingException {
      super(mime, true, StandardCharsets.UTF_8.name());
    }

    @Override
    protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
      return TYPES;
    }

    private static FileTypeMap loaded(ConfigurableMimeFileTypeMap types) {
      types.afterPropertiesSet();
      return types;
    }
  }
}
