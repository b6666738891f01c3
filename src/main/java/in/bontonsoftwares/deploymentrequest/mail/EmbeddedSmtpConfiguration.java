package in.bontonsoftwares.deploymentrequest.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The default run's own SMTP server, so that a first run sends real mail that a newcomer can read
 * on the mailbox page. It exists only while {@code spring.mail.host} is not set: setting it
 * (SPRING_MAIL_HOST) hands mail to that server through Spring Boot's own mail configuration
 * instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(EmbeddedSmtpConfiguration.NO_MAIL_HOST)
class EmbeddedSmtpConfiguration {

  static final String NO_MAIL_HOST = "'${spring.mail.host:}'.isEmpty()";

  @Bean(initMethod = "start", destroyMethod = "stop")
  GreenMail embeddedSmtpServer(DeploymentRequestProperties properties) {
    int port = properties.embeddedSmtp().port();
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    return new GreenMail(port == 0 ? setup.dynamicPort() : setup);
  }

  @Bean
  JavaMailSender mailSender(GreenMail embeddedSmtpServer) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(embeddedSmtpServer.getSmtp().getPort());
    return sender;
  }
}
