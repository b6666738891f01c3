package in.bontonsoftwares.deploymentrequest.node;

import static org.assertj.core.api.Assertions.assertThat;

import in.bontonsoftwares.deploymentrequest.mail.MailType;
import in.bontonsoftwares.deploymentrequest.mail.ReceivedMails;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What requests driven by {@link RequestDriver} to the end must have left behind, however often
 * their nodes died: each ended deployed once, with one ticket, one record, each of its process's
 * mails logged and sent once (a task mail to a person at most once), and nothing left behind.
 */
public final class ExactlyOnce {

  private static final List<String> MAILS = RequestDriver.MAILS;

  private ExactlyOnce() {}

  /**
   * Checks the requests {@code numbers} in the app's {@code database} and in the mails the SMTP
   * server {@code received}. {@code aNodeDied}: a node killed between handing a mail to SMTP and
   * committing leaves a job that runs again, and the SMTP server then gets that mail twice with the
   * same {@code Message-ID} (no transaction spans SMTP and the database); mail clients show it
   * once. Such a mail may arrive twice, never as a second, different mail, and never more often.
   */
  public static void assertFinishedExactlyOnce(
      JdbcTemplate database, MimeMessage[] received, List<String> numbers, boolean aNodeDied)
      throws MessagingException {
    for (String number : numbers) {
      String instance =
          database.queryForObject(
              "select proc_inst_id_ from act_hi_procinst where business_key_ = ?",
              String.class,
              number);
      assertThat(
              database.queryForObject(
                  "select count(*) from act_hi_actinst where proc_inst_id_ = ? and act_id_ = ?",
                  Integer.class,
                  instance,
                  Element.END_DEPLOYED))
          .as(number + " deployed once")
          .isEqualTo(1);
      assertThat(
              database.queryForList(
                  "select task_def_key_ from act_hi_taskinst where proc_inst_id_ = ? "
                      + "group by task_def_key_ having count(*) > 1",
                  String.class,
                  instance))
          .as(number + " duplicate tasks")
          .isEmpty();
      assertThat(
              database.queryForObject(
                  "select count(*) from change_ticket where request_number = ?",
                  Integer.class,
                  number))
          .as(number + " tickets")
          .isEqualTo(1);
      assertThat(
              database.queryForObject(
                  "select count(*) from deployment_record where request_number = ?",
                  Integer.class,
                  number))
          .as(number + " records")
          .isEqualTo(1);
      assertThat(
              database.queryForList(
                  "select mail_type from sent_mail where request_number = ? and mail_type not in (?, ?)",
                  String.class,
                  number,
                  MailType.TASK_ASSIGNED.name(),
                  MailType.TASK_QUEUED.name()))
          .as(number + " mails logged as sent")
          .containsExactlyInAnyOrderElementsOf(
              MAILS.stream().map(mail -> mail.toUpperCase(Locale.ROOT)).toList());
    }
    assertThat(database.queryForObject("select count(*) from act_ru_job", Integer.class))
        .as("jobs left")
        .isZero();
    assertThat(database.queryForObject("select count(*) from act_ru_incident", Integer.class))
        .as("incidents")
        .isZero();

    // the task mails to people go after commit and are never retried: a node that dies before
    // sending one loses it; one that was sent came once, to one person
    Map<String, List<MimeMessage>> copies = new HashMap<>();
    Map<String, List<MimeMessage>> taskNotices = new HashMap<>();
    for (MimeMessage message : received) {
      (ReceivedMails.isTaskNotice(message) ? taskNotices : copies)
          .computeIfAbsent(message.getMessageID(), id -> new ArrayList<>())
          .add(message);
    }
    taskNotices.forEach(
        (id, sent) -> {
          try {
            assertThat(sent.get(0).getAllRecipients()).as(id + " recipients").hasSize(1);
          } catch (MessagingException e) {
            throw new IllegalStateException(e);
          }
          assertThat(sent).as(id + " sent once").hasSize(1);
        });
    for (String number : numbers) {
      assertThat(copies.keySet().stream().filter(id -> id.startsWith("<" + number + ".")))
          .as(number + " mails")
          .containsExactlyInAnyOrderElementsOf(
              MAILS.stream()
                  .map(mail -> "<" + number + "." + mail + ".r1@bontonsoftwares.in>")
                  .toList());
    }
    for (String number : numbers) {
      for (String mail : MAILS) {
        List<MimeMessage> sent = copies.get("<" + number + "." + mail + ".r1@bontonsoftwares.in>");
        assertThat(sent).as(number + " " + mail).isNotNull();
        Address[] recipients = sent.get(0).getAllRecipients();
        if (aNodeDied) {
          assertThat(sent.size())
              .as(number + " " + mail + " at most resent once")
              .isIn(recipients.length, 2 * recipients.length);
        } else {
          assertThat(sent)
              .as(number + " " + mail + " sent once: one copy per recipient")
              .hasSize(recipients.length);
        }
      }
    }
  }
}
