package in.bontonsoftwares.deploymentrequest.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An SMTP server of its own (GreenMail) that the app under test reaches through the standard {@code
 * spring.mail.*} properties, as it would reach a company's mail server. It keeps its port across a
 * stop and a start, so that a test can take it down and bring it back.
 *
 * <p>A JUnit 5 extension: {@code @RegisterExtension static final SeparateSmtpServer SMTP = new
 * SeparateSmtpServer();} runs it for the whole class (before the Spring context is built, so that a
 * {@code @DynamicPropertySource} can {@link #register} it), an instance field for each test. It
 * stops after the class's or the test's own {@code @AfterAll} / {@code @AfterEach} methods, which
 * can still read what it received.
 */
public final class SeparateSmtpServer
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  /**
   * Drawn by the operating system at the first start (no race for a port that was free a moment
   * ago), then kept.
   */
  private int port;

  private GreenMail server;
  private boolean running;

  /** Started for one test (an instance field), not for the class. */
  private boolean perTest;

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!running) {
      perTest = true;
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      stop();
      perTest = false;
    }
  }

  public void start() {
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    server = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
    server.start();
    running = true;
    port = server.getSmtp().getPort();
  }

  public void stop() {
    if (running) {
      server.stop();
      running = false;
    }
  }

  public int port() {
    return port;
  }

  /** Every copy received, one per recipient. */
  public MimeMessage[] received() {
    return server.getReceivedMessages();
  }

  /**
   * The mails of one request's process (their Message-IDs carry its number), one copy each, by
   * subject, in the order sent; without the task mails to people ({@link #taskNotices}).
   */
  public Map<String, MimeMessage> mailsBySubject(String requestNumber) throws MessagingException {
    Map<String, MimeMessage> bySubject = new LinkedHashMap<>();
    for (MimeMessage message : ofRequest(requestNumber, false)) {
      bySubject.put(message.getSubject(), message);
    }
    return bySubject;
  }

  /** The mails to people about a task of one request, one copy each, in the order sent. */
  public List<MimeMessage> taskNotices(String requestNumber) throws MessagingException {
    return ofRequest(requestNumber, true);
  }

  private List<MimeMessage> ofRequest(String requestNumber, boolean taskNotices)
      throws MessagingException {
    List<MimeMessage> mails = new ArrayList<>();
    for (MimeMessage message : ReceivedMails.inOrderSent(server, taskNotices)) {
      if (message.getMessageID().startsWith("<" + requestNumber + ".")) {
        mails.add(message);
      }
    }
    return mails;
  }

  /** The addresses of one kind (To, Cc) of a mail; none: empty. */
  public static List<String> recipients(MimeMessage message, Message.RecipientType type)
      throws MessagingException {
    Address[] addresses = message.getRecipients(type);
    return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
  }

  /** Drops every mail received so far (long benchmark runs); GreenMail keeps them in memory. */
  public void purge() {
    try {
      server.purgeEmailFromAllMailboxes();
    } catch (com.icegreen.greenmail.store.FolderException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Points the app's mail sender here (for a {@code @DynamicPropertySource} method). */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> port);
  }
}
