package in.bontonsoftwares.deploymentrequest.mail;

import java.util.ArrayList;
import java.util.List;

/**
 * One email of a request, ready to render and send.
 *
 * @param key idempotency key: one mail per request, type and revision, however often the job runs
 * @param messageId stable {@code Message-ID}, derived from the key
 * @param threadId the {@code Message-ID} of the request's thread, referenced by every mail of the
 *     request
 * @param links where to go from the mail: the task it asks for first, then the request's page
 */
public record MailMessage(
    String key,
    String requestNumber,
    MailType type,
    List<String> to,
    List<String> cc,
    String subject,
    String heading,
    List<String> intro,
    List<Section> sections,
    List<Link> links,
    String messageId,
    String threadId,
    List<Attachment> attachments) {

  /** The same mail with one more attachment. */
  public MailMessage with(Attachment attachment) {
    List<Attachment> all = new ArrayList<>(attachments);
    all.add(attachment);
    return new MailMessage(
        key,
        requestNumber,
        type,
        to,
        cc,
        subject,
        heading,
        intro,
        sections,
        links,
        messageId,
        threadId,
        List.copyOf(all));
  }

  /** The same mail with this link first (the task it asks someone to do). */
  public MailMessage withFirst(Link link) {
    List<Link> all = new ArrayList<>(links);
    all.add(0, link);
    return new MailMessage(
        key,
        requestNumber,
        type,
        to,
        cc,
        subject,
        heading,
        intro,
        sections,
        List.copyOf(all),
        messageId,
        threadId,
        attachments);
  }

  /** A link at the foot of the mail: {@code label} is what the reader clicks. */
  public record Link(String label, String url) {}

  /**
   * A file sent with the mail. A calendar invitation goes as {@code text/calendar} with its {@code
   * method} in the content type, which mail clients offer to add to the calendar.
   */
  public record Attachment(String fileName, String contentType, byte[] content) {}

  public record Section(String title, List<Row> rows, String text) {

    public static Section rows(String title, List<Row> rows) {
      return new Section(title, rows, null);
    }

    public static Section text(String title, String text) {
      return new Section(title, List.of(), text);
    }

    /** For the templates: whether to draw the table of rows. */
    public boolean hasRows() {
      return !rows.isEmpty();
    }
  }

  public record Row(String label, String value) {}
}
