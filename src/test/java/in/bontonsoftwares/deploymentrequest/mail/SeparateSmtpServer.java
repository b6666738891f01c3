package in.bontonsoftwares.deploymentrequest.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An SMTP server of its own (GreenMail) that the app under test reaches through the standard {@code spring.mail.*}
 * properties, as it would reach a company's mail server. It keeps its port across a stop and a start, so that a test
 * can take it down and bring it back.
 */
public final class SeparateSmtpServer {

  private final int port = freePort();
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

  /** Points the app's mail sender here (for a {@code @DynamicPropertySource} method). */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> port);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
