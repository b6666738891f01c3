package in.bontonsoftwares.deploymentrequest.mail;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * What a GreenMail server received, each mail once, in the order sent. The server keeps a mailbox
 * per recipient, each in the order received, and lists the mailboxes one after the other (a mail to
 * a new recipient comes after all mails of the mailboxes before): the order of all mails merges the
 * mailboxes' orders (a mail received before another in some mailbox was sent before it), the time
 * received deciding between mails that no mailbox orders (or that mailboxes order both ways: sent
 * at the same time).
 */
public final class ReceivedMails {

  private ReceivedMails() {}

  /**
   * A mail to a person about a task (MailType TASK_ASSIGNED, TASK_QUEUED): its Message-ID is {@code
   * <number>.task.<task id>.<event>.<user>@<domain>}, every other mail's {@code
   * <number>.<type>.r<revision>@<domain>}.
   */
  public static boolean isTaskNotice(MimeMessage message) throws MessagingException {
    return message.getMessageID().contains(".task.");
  }

  /** Every mail of the processes (no task mails, {@code taskNotices} false) or every task mail. */
  public static List<MimeMessage> inOrderSent(GreenMail server, boolean taskNotices)
      throws MessagingException {
    Map<String, MimeMessage> unique = new LinkedHashMap<>();
    Map<String, Long> receivedAt = new HashMap<>();
    Map<String, Set<String>> sentAfter = new HashMap<>();
    Map<String, Integer> sentBefore = new HashMap<>();
    try {
      for (MailFolder mailbox :
          server.getManagers().getImapHostManager().getStore().listMailboxes("*")) {
        String previous = null;
        Set<String> inThisMailbox = new HashSet<>();
        for (StoredMessage stored : mailbox.getMessages()) {
          MimeMessage message = stored.getMimeMessage();
          String id = message.getMessageID();
          // a mail sent again (its job failed after sending) counts where it came first
          if (isTaskNotice(message) != taskNotices || !inThisMailbox.add(id)) {
            continue;
          }
          unique.putIfAbsent(id, message);
          receivedAt.merge(id, stored.getReceivedDate().getTime(), Math::min);
          sentBefore.putIfAbsent(id, 0);
          if (previous != null
              && sentAfter.computeIfAbsent(previous, k -> new HashSet<>()).add(id)) {
            sentBefore.merge(id, 1, Integer::sum);
          }
          previous = id;
        }
      }
    } catch (FolderException e) {
      throw new IllegalStateException(e);
    }
    List<String> listed = new ArrayList<>(unique.keySet());
    Comparator<String> byTimeReceived =
        Comparator.comparing((String id) -> receivedAt.get(id)).thenComparing(listed::indexOf);
    PriorityQueue<String> ready = new PriorityQueue<>(byTimeReceived);
    sentBefore.forEach(
        (id, before) -> {
          if (before == 0) {
            ready.add(id);
          }
        });
    List<MimeMessage> sorted = new ArrayList<>();
    Set<String> done = new HashSet<>();
    while (done.size() < listed.size()) {
      // mails sent at the same time (two job threads) may be in two mailboxes in either order:
      // then the one received first goes first
      String id =
          ready.isEmpty()
              ? listed.stream().filter(m -> !done.contains(m)).min(byTimeReceived).orElseThrow()
              : ready.poll();
      if (!done.add(id)) {
        continue;
      }
      sorted.add(unique.get(id));
      for (String next : sentAfter.getOrDefault(id, Set.of())) {
        if (sentBefore.merge(next, -1, Integer::sum) == 0 && !done.contains(next)) {
          ready.add(next);
        }
      }
    }
    return sorted;
  }
}
