/**
 * The emails of policy 3.1: what each says and to whom, sent once each over SMTP; and the embedded
 * SMTP server of the default run, with its mailbox page.
 */
package in.bontonsoftwares.deploymentrequest.mail;
