package in.bontonsoftwares.deploymentrequest.review;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.mail.MailComposer;
import in.bontonsoftwares.deploymentrequest.mail.MailService;
import in.bontonsoftwares.deploymentrequest.mail.MailType;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.ReviewPoint;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Send request to DevSecOps" (policy step 2): starts the review clock of this revision from the
 * environment's SLA, records what changed since the previous revision and the previous round's
 * review ({@link RevisionRecorder}), clears that round's review answers, so that none is approved
 * by mistake (they stay in the history) and sends the request mail to the mailbox.
 */
@Component("submitRequest")
class SubmitRequestDelegate implements JavaDelegate {

  private final DeploymentRequestProperties properties;
  private final MailComposer composer;
  private final MailService mailService;
  private final Clock clock;
  private final RevisionRecorder revisions;

  SubmitRequestDelegate(
      DeploymentRequestProperties properties,
      MailComposer composer,
      MailService mailService,
      Clock clock,
      RevisionRecorder revisions) {
    this.properties = properties;
    this.composer = composer;
    this.mailService = mailService;
    this.clock = clock;
    this.revisions = revisions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ProcessVariables variables = ProcessVariables.of(execution);
    Instant now = clock.instant();
    variables.set(SUBMITTED_AT, Date.from(now));
    variables.set(
        REVIEW_DUE,
        Date.from(now.plus(properties.reviewSla().forEnvironment(variables.get(ENVIRONMENT)))));
    revisions.submitted(execution);
    for (ReviewPoint point : ReviewPoint.values()) {
      variables.set(point.variable(), false);
    }
    variables.set(REVIEW_DECISION, null);
    variables.set(RISK_LEVEL, null);
    variables.set(REVIEW_COMMENTS, null);
    mailService.sendFor(
        composer.compose(MailType.REQUEST, variables, execution.getProcessInstanceId()),
        execution.getProcessInstanceId());
  }
}
