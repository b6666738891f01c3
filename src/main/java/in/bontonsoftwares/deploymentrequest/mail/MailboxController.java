package in.bontonsoftwares.deploymentrequest.mail;

import com.icegreen.greenmail.util.GreenMail;
import in.bontonsoftwares.deploymentrequest.identity.Groups;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the embedded SMTP server received, newest first: {@code GET /api/mailbox}, shown by {@code
 * /mailbox.html}, and each mail's attachments at {@code GET /api/mailbox/{id}/attachments/{index}}.
 * Each mail once, although the server keeps a copy per recipient. DevSecOps and admins see every
 * mail; anyone else only the mails whose {@code To} or {@code Cc} holds their own email address
 * (the user's email in the engine), and another's mail or attachment is as absent (404) as one that
 * does not exist.
 */
@RestController
@ConditionalOnExpression(EmbeddedSmtpConfiguration.NO_MAIL_HOST)
@RequestMapping("/api/mailbox")
class MailboxController {

  private final GreenMail server;
  private final IdentityService identityService;

  MailboxController(GreenMail server, IdentityService identityService) {
    this.server = server;
    this.identityService = identityService;
  }

  @GetMapping
  List<ReceivedMail> messages(Authentication caller) throws MessagingException, IOException {
    List<ReceivedMail> mails = new ArrayList<>();
    for (MimeMessage message : visibleTo(caller).values()) {
      mails.add(ReceivedMail.of(message));
    }
    return mails.stream().sorted(Comparator.comparing(ReceivedMail::sentAt).reversed()).toList();
  }

  @GetMapping("/{id}/attachments/{index}")
  ResponseEntity<byte[]> attachment(
      @PathVariable String id, @PathVariable int index, Authentication caller)
      throws MessagingException, IOException {
    MimeMessage message = visibleTo(caller).get(id);
    List<Part> attachments = message == null ? List.of() : attachments(message);
    if (index < 0 || index >= attachments.size()) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "No attachment " + index + " of a mail " + id + " to you");
    }
    Part part = attachments.get(index);
    byte[] content;
    try (InputStream in = part.getInputStream()) {
      content = in.readAllBytes();
    }
    // always a download, never shown inline: an HTML attachment must not run as our page
    return ResponseEntity.ok()
        .contentType(mediaType(part))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(fileName(part, index), StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(content);
  }

  /** The mails the caller may read, by id, each once. */
  private Map<String, MimeMessage> visibleTo(Authentication caller) throws MessagingException {
    boolean all =
        caller.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .anyMatch(group -> group.equals(Groups.DEVSECOPS) || group.equals(Groups.ADMINS));
    String email = all ? null : email(caller.getName());
    Map<String, MimeMessage> unique = new LinkedHashMap<>();
    if (!all && email == null) {
      return unique;
    }
    for (MimeMessage message : server.getReceivedMessages()) {
      String id = id(message);
      if (!unique.containsKey(id) && (all || addressedTo(message, email))) {
        unique.put(id, message);
      }
    }
    return unique;
  }

  private String email(String user) {
    User found = identityService.createUserQuery().userId(user).singleResult();
    return found == null || found.getEmail() == null || found.getEmail().isBlank()
        ? null
        : found.getEmail().strip();
  }

  private static boolean addressedTo(MimeMessage message, String email) throws MessagingException {
    for (RecipientType type : List.of(RecipientType.TO, RecipientType.CC)) {
      Address[] addresses = message.getRecipients(type);
      if (addresses == null) {
        continue;
      }
      for (Address address : addresses) {
        if (address instanceof InternetAddress internet
            && email.equalsIgnoreCase(internet.getAddress())) {
          return true;
        }
      }
    }
    return false;
  }

  /** A short, URL-safe id of the mail: the start of its Message-ID's SHA-256. */
  static String id(MimeMessage message) throws MessagingException {
    String messageId = Objects.requireNonNullElse(message.getMessageID(), "");
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }

  private static List<Part> attachments(Part part) throws MessagingException, IOException {
    List<Part> found = new ArrayList<>();
    collectAttachments(part, found);
    return found;
  }

  private static void collectAttachments(Part part, List<Part> found)
      throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        collectAttachments(multipart.getBodyPart(i), found);
      }
    } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
        || part.getFileName() != null) {
      found.add(part);
    }
  }

  private static String fileName(Part part, int index) throws MessagingException {
    String name = part.getFileName();
    if (name != null) {
      try {
        name = MimeUtility.decodeText(name);
      } catch (java.io.UnsupportedEncodingException undecodable) {
        // keep it as it came
      }
    }
    return name == null || name.isBlank() ? "attachment-" + (index + 1) : name;
  }

  private static MediaType mediaType(Part part) throws MessagingException {
    try {
      MediaType type = MediaType.parseMediaType(part.getContentType());
      return new MediaType(type.getType(), type.getSubtype());
    } catch (RuntimeException unparsable) {
      return MediaType.APPLICATION_OCTET_STREAM;
    }
  }

  record Attachment(int index, String name, String contentType, long size, String url) {}

  record ReceivedMail(
      String id,
      String messageId,
      String from,
      List<String> to,
      List<String> cc,
      String subject,
      Instant sentAt,
      String references,
      String text,
      String html,
      List<Attachment> attachments) {

    static ReceivedMail of(MimeMessage message) throws MessagingException, IOException {
      Bodies bodies = new Bodies();
      bodies.collect(message);
      String id = MailboxController.id(message);
      List<Part> parts = MailboxController.attachments(message);
      List<Attachment> attachments = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        Part part = parts.get(i);
        attachments.add(
            new Attachment(
                i,
                fileName(part, i),
                mediaType(part).toString(),
                size(part),
                "api/mailbox/" + id + "/attachments/" + i));
      }
      return new ReceivedMail(
          id,
          message.getMessageID(),
          addresses(message.getFrom()).stream().findFirst().orElse(""),
          addresses(message.getRecipients(RecipientType.TO)),
          addresses(message.getRecipients(RecipientType.CC)),
          message.getSubject(),
          message.getSentDate() == null ? Instant.EPOCH : message.getSentDate().toInstant(),
          message.getHeader("References", ", "),
          bodies.text,
          bodies.html,
          attachments);
    }

    private static long size(Part part) throws MessagingException, IOException {
      try (InputStream in = part.getInputStream()) {
        return in.transferTo(OutputStream.nullOutputStream());
      }
    }

    private static List<String> addresses(Address[] addresses) {
      return addresses == null
          ? List.of()
          : Arrays.stream(addresses).map(Address::toString).toList();
    }
  }

  /** The mail's text and HTML, not those of an attached file. */
  private static final class Bodies {
    private String text = "";
    private String html = "";

    void collect(Part part) throws MessagingException, IOException {
      if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
        return;
      }
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
