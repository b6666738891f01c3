/**
 * The Deployment Request process: its contract (ids, variable names), typed variable access and the
 * delegates and listeners that the BPMN model calls. Business rules live in the feature packages;
 * these classes only map variables.
 */
package in.bontonsoftwares.deploymentrequest.process;
