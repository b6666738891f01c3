/**
 * The pipeline gate: pipelines file requests ({@code POST /api/deployment-requests}), read their
 * state, wait at the gate until it says GO, WAIT or STOP ({@link GateRule}, the one rule), and
 * report the deployment as BPMN messages.
 */
package in.bontonsoftwares.deploymentrequest.pipeline;
