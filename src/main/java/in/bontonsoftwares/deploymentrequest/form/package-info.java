/**
 * The Camunda Forms, read once for everyone: their keyed fields with type, label, whether a person
 * may edit them and the labels of their options, from a form file or from the forms deployed with a
 * process. The step gate, the revision comparison and the readable labels of mails and records all
 * read them here.
 */
package in.bontonsoftwares.deploymentrequest.form;
