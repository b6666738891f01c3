/**
 * The contract of the Deployment Request process: its key, element ids and decision values, and its
 * variables, each declared once with name and type ({@code DeploymentRequestProcess.Data}), read
 * and written through {@code ProcessVariables}. The delegates and listeners that the BPMN model
 * calls live in the feature packages; this package imports none of them.
 */
package in.bontonsoftwares.deploymentrequest.process;
