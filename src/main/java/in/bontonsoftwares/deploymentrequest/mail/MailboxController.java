package in.bontonsoftwares.deploymentrequest.mail;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the embedded SMTP server received, newest first: {@code GET /api/mailbox}, shown by {@code
 * /mailbox.html}. Each mail once, although the server keeps a copy per recipient.
 */
@RestController
@ConditionalOnExpression(EmbeddedSmtpConfiguration.NO_MAIL_HOST)
@RequestMapping("/api/mailbox")
class MailboxController {

  private final GreenMail server;

  MailboxController(GreenMail server) {
    this.server = server;
  }

  @GetMapping
  List<ReceivedMail> messages() throws MessagingException, IOException {
    Map<String, ReceivedMail> unique = new LinkedHashMap<>();
    for (MimeMessage message : server.getReceivedMessages()) {
      String id = message.getMessageID();
      if (!unique.containsKey(id)) {
        unique.put(id, ReceivedMail.of(message));
      }
    }
    return unique.values().stream()
        .sorted(Comparator.comparing(ReceivedMail::sentAt).reversed())
        .toList();
  }

  record ReceivedMail(
      String messageId,
      String from,
      List<String> to,
      List<String> cc,
      String subject,
      Instant sentAt,
      String references,
      String text,
      String html) {

    static ReceivedMail of(MimeMessage message) throws MessagingException, IOException {
      Bodies bodies = new Bodies();
      bodies.collect(message);
      return new ReceivedMail(
          message.getMessageID(),
          addresses(message.getFrom()).stream().findFirst().orElse(""),
          addresses(message.getRecipients(RecipientType.TO)),
          addresses(message.getRecipients(RecipientType.CC)),
          message.getSubject(),
          message.getSentDate() == null ? Instant.EPOCH : message.getSentDate().toInstant(),
          message.getHeader("References", ", "),
          bodies.text,
          bodies.html);
    }

    private static List<String> addresses(Address[] addresses) {
      return addresses == null
          ? List.of()
          : Arrays.stream(addresses).map(Address::toString).toList();
    }
  }

  private static final class Bodies {
    private String text = "";
    private String html = "";

    void collect(Part part) throws MessagingException, IOException {
      if (part.isMimeType("text/plain") && text.isEmpty()) {
        text = part.getContent().toString();
      } else if (part.isMimeType("text/html") && html.isEmpty()) {
        html = part.getContent().toString();
      } else if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart body = multipart.getBodyPart(i);
          collect(body);
        }
      }
    }
  }
}
