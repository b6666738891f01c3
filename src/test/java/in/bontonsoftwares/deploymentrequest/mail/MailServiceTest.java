package in.bontonsoftwares.deploymentrequest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.mail.MailMessage.Row;
import in.bontonsoftwares.deploymentrequest.mail.MailMessage.Section;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Mail over real SMTP (the embedded server of the default run), sent once per key, readable on the
 * mailbox page.
 */
@DependsOnTime
@WebAppTest
class MailServiceTest {

  @Autowired MailService mailService;
  @Autowired ProcessEngine engine;
  @Autowired GreenMail smtp;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;

  @BeforeEach
  void emptyMailbox() throws Exception {
    smtp.purgeEmailFromAllMailboxes();
  }

  @Test
  void shouldSendAMailOnlyOnceWhenItsJobRunsAgain() throws Exception {
    MailMessage message =
        message("DR-2026-9001", "Payments - Production - Deployment Request - 2026-11-27");

    boolean first = mailService.send(message);
    boolean again = mailService.send(message);

    assertThat(first).isTrue();
    assertThat(again).isFalse();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2); // one copy for the addressee, one for the cc
    assertThat(received[0].getMessageID()).isEqualTo(message.messageId());
    assertThat(received[0].getHeader("References")).containsExactly(message.threadId());
    assertThat(
            jdbc.queryForObject(
                "select count(*) from sent_mail where mail_key = ?", Integer.class, message.key()))
        .isEqualTo(1);
  }

  @Test
  void shouldEscapeWhatPeopleTypedInTheHtmlPart() throws Exception {
    MailMessage message =
        message("DR-2026-9002", "Payments - Production - Deployment Request - 2026-11-27");

    mailService.send(message);

    JsonNode mail = admin().getForObject("/api/mailbox", JsonNode.class).get(0);
    assertThat(mail.get("html").asText())
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>");
    assertThat(mail.get("text").asText()).contains("<script>alert(1)</script>");
  }

  @Test
  void shouldShowReceivedMailOnTheMailboxPage() {
    mailService.send(
        message("DR-2026-9003", "Payments - Staging - Deployment Scheduled - 2026-11-27"));

    JsonNode mailbox = admin().getForObject("/api/mailbox", JsonNode.class);

    assertThat(mailbox).hasSize(1);
    assertThat(mailbox.get(0).get("subject").asText())
        .isEqualTo("Payments - Staging - Deployment Scheduled - 2026-11-27");
    assertThat(mailbox.get(0).get("to").get(0).asText()).isEqualTo("devsecops@bontonsoftwares.in");
    assertThat(admin().getForEntity("/mailbox.html", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldSendAProcessMailOnlyOnceItsJobCommits() throws Exception {
    // two jobs of one request, each sending a mail: the first fails as it is written, because
    // another job (on another node) changed the request at the same time; the second commits
    MailMessage rolledBack =
        message(
            "DR-2026-9004",
            MailType.SUBMITTED,
            "Payments - Production - Deployment Request Received - 2026-11-27");
    MailMessage committed =
        message(
            "DR-2026-9005",
            MailType.SUBMITTED,
            "Payments - Production - Deployment Request Received - 2026-11-27");
    CommandExecutor jobs =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getCommandExecutorTxRequired();

    Throwable failed =
        catchThrowable(
            () ->
                jobs.execute(
                    context -> {
                      mailService.sendFor(rolledBack, "pi-1");
                      throw new OptimisticLockingException("the request was changed meanwhile");
                    }));
    jobs.execute(
        context -> {
          mailService.sendFor(committed, "pi-2");
          return null;
        });

    // then only the committed job's mail went out (its retry will send the other once)
    assertThat(failed).isInstanceOf(OptimisticLockingException.class);
    List<String> sent = new ArrayList<>();
    for (MimeMessage received : smtp.getReceivedMessages()) {
      sent.add(received.getMessageID());
    }
    assertThat(sent).containsOnly(committed.messageId()).hasSize(2);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from sent_mail where mail_key = ?",
                Integer.class,
                rolledBack.key()))
        .isZero();
  }

  @Test
  void shouldKeepTheSubjectOnOneLineWhateverWasTyped() {
    assertThat(MailComposer.oneLine("Payments\r\nBcc: someone@example.com\t x"))
        .isEqualTo("Payments Bcc: someone@example.com x");
  }

  private TestRestTemplate admin() {
    return http.withBasicAuth("admin", "Demo-pass-2026");
  }

  private static MailMessage message(String number, String subject) {
    return message(number, MailType.REQUEST, subject);
  }

  private static MailMessage message(String number, MailType type, String subject) {
    String key = number + "/" + type.name() + "/r1/" + UUID.randomUUID();
    return new MailMessage(
        key,
        number,
        type,
        List.of("devsecops@bontonsoftwares.in"),
        List.of("dana@example.com"),
        subject,
        "Deployment Request " + number,
        List.of("New deployment request."),
        List.of(
            Section.rows(
                "Request", List.of(new Row("Change description", "<script>alert(1)</script>")))),
        List.of(
            new MailMessage.Link(
                "Deployment request " + number,
                "http://localhost:8080/requests.html?request=" + number)),
        "<" + key.replace('/', '.') + "@bontonsoftwares.in>",
        "<" + number + "@bontonsoftwares.in>",
        List.of());
  }
}
