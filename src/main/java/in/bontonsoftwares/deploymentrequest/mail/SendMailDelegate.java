package in.bontonsoftwares.deploymentrequest.mail;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The mail tasks of the model: each passes the {@link MailType} to send as its {@code mailType} input. */
@Component("sendMail")
class SendMailDelegate implements JavaDelegate {

  static final String MAIL_TYPE_INPUT = "mailType";

  private final MailComposer composer;
  private final MailService mailService;

  SendMailDelegate(MailComposer composer, MailService mailService) {
    this.composer = composer;
    this.mailService = mailService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    MailType type = MailType.valueOf((String) execution.getVariableLocal(MAIL_TYPE_INPUT));
    mailService.send(composer.compose(type, ProcessVariables.of(execution), execution.getProcessInstanceId()));
  }
}
