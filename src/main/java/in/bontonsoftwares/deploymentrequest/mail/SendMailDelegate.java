package in.bontonsoftwares.deploymentrequest.mail;

import in.bontonsoftwares.deploymentrequest.archive.ArchivedRecord;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Outcome;
import in.bontonsoftwares.deploymentrequest.archive.RecordArchive;
import in.bontonsoftwares.deploymentrequest.mail.MailMessage.Attachment;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.schedule.CalendarInvites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The mail tasks of the model: each passes the {@link MailType} to send as its {@code mailType}
 * input. The schedule confirmation carries the calendar invitation (a cancellation goes with a
 * roll-back); the mails that end a request (record, rejection, withdrawal) archive its record first
 * and carry the PDF.
 */
@Component("sendMail")
class SendMailDelegate implements JavaDelegate {

  static final String MAIL_TYPE_INPUT = "mailType";

  private final MailComposer composer;
  private final MailService mailService;
  private final RecordArchive archive;
  private final CalendarInvites calendarInvites;

  SendMailDelegate(
      MailComposer composer,
      MailService mailService,
      RecordArchive archive,
      CalendarInvites calendarInvites) {
    this.composer = composer;
    this.mailService = mailService;
    this.archive = archive;
    this.calendarInvites = calendarInvites;
  }

  @Override
  public void execute(DelegateExecution execution) {
    MailType type = MailType.valueOf((String) execution.getVariableLocal(MAIL_TYPE_INPUT));
    ProcessVariables variables = ProcessVariables.of(execution);
    MailMessage message = composer.compose(type, variables, execution.getProcessInstanceId());
    message = calendarInvites.attachTo(type, variables, message);
    Outcome outcome = recordOutcome(type, variables);
    if (outcome != null) {
      // every request ends with an archived record: deployed, rolled back, rejected or withdrawn
      ArchivedRecord record = archive.archive(execution.getProcessInstanceId(), variables, outcome);
      message =
          message.with(
              new Attachment(
                  record.requestNumber() + ".pdf",
                  "application/pdf",
                  archive.read(record.pdfPath(), record.pdfSha256())));
    }
    mailService.send(message);
  }

  private static Outcome recordOutcome(MailType type, ProcessVariables variables) {
    return switch (type) {
      case DEPLOYMENT_RECORD ->
          Value.ROLLED_BACK.equals(variables.string(Var.DEPLOYMENT_OUTCOME))
              ? Outcome.ROLLED_BACK
              : Outcome.DEPLOYED;
      case REJECTED -> Outcome.REJECTED;
      case WITHDRAWN -> Outcome.WITHDRAWN;
      default -> null;
    };
  }
}
