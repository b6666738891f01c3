package in.bontonsoftwares.deploymentrequest.mail;

import in.bontonsoftwares.deploymentrequest.archive.ArchivedRecord;
import in.bontonsoftwares.deploymentrequest.archive.RecordArchive;
import in.bontonsoftwares.deploymentrequest.mail.MailMessage.Attachment;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.Variable;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The mail tasks of the model: each passes the {@link MailType} to send as its {@code mailType}
 * input, and this sends it, with what other features attach to that type ({@link MailAttachments},
 * e.g. the calendar invitation). The mails that end a request (record, rejection, withdrawal) carry
 * the PDF of the record that the archive task before them archived.
 */
@Component("sendMail")
class SendMailDelegate implements JavaDelegate {

  static final Variable<String> MAIL_TYPE_INPUT = Variable.text("mailType");
  private static final Set<MailType> CARRY_RECORD =
      EnumSet.of(MailType.DEPLOYMENT_RECORD, MailType.REJECTED, MailType.WITHDRAWN);

  private final MailComposer composer;
  private final MailService mailService;
  private final RecordArchive archive;
  private final List<MailAttachments> attachments;

  SendMailDelegate(
      MailComposer composer,
      MailService mailService,
      RecordArchive archive,
      List<MailAttachments> attachments) {
    this.composer = composer;
    this.mailService = mailService;
    this.archive = archive;
    this.attachments = attachments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    MailType type = MailType.valueOf(MAIL_TYPE_INPUT.fromLocal(execution));
    ProcessVariables variables = ProcessVariables.of(execution);
    MailMessage message = composer.compose(type, variables, execution.getProcessInstanceId());
    for (MailAttachments feature : attachments) {
      message = feature.attachTo(type, variables, message);
    }
    if (CARRY_RECORD.contains(type)) {
      message = message.with(recordPdf(variables.text(Data.REQUEST_NUMBER)));
    }
    mailService.sendFor(message, execution.getProcessInstanceId());
  }

  private Attachment recordPdf(String requestNumber) {
    ArchivedRecord record =
        archive
            .find(requestNumber)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "No archived record of "
                            + requestNumber
                            + ": the archive task runs before this mail"));
    return new Attachment(
        record.requestNumber() + ".pdf",
        "application/pdf",
        archive.read(record.pdfPath(), record.pdfSha256()));
  }
}
