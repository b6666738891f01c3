package in.bontonsoftwares.deploymentrequest.mail;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;

/**
 * What another feature attaches to a mail of a given type (e.g. the calendar invitation of
 * scheduling). The mail feature calls every such bean before it sends; the feature that knows the
 * attachment depends on mail, never the other way round.
 */
public interface MailAttachments {

  /**
   * The mail with what this feature attaches to it, or the same mail when it attaches nothing to
   * this type. Reads the process data only: the steps that change it are elements of the model.
   */
  MailMessage attachTo(MailType type, ProcessVariables variables, MailMessage message);
}
