package in.bontonsoftwares.deploymentrequest.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import in.bontonsoftwares.deploymentrequest.node.AppNode;
import jakarta.mail.internet.MimeMessage;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An SMTP server of its own (GreenMail) that the app under test reaches through the standard {@code spring.mail.*}
 * properties, as it would reach a company's mail server. It keeps its port across a stop and a start, so that a test
 * can take it down and bring it back.
 */
public final class SeparateSmtpServer {

  private final int port = AppNode.freePort();
  private GreenMail server;

  private SeparateSmtpServer() {}

  public static SeparateSmtpServer started() {
    SeparateSmtpServer smtp = new SeparateSmtpServer();
    smtp.start();
    return smtp;
  }

  public void start() {
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
  }

  public void stop() {
    server.stop();
  }

  public int port() {
    return port;
  }

  /** Every copy received, one per recipient. */
  public MimeMessage[] received() {
    return server.getReceivedMessages();
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
