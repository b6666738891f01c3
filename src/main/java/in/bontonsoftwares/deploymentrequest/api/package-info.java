/**
 * The HTTP face of the app: Camunda's REST API set up for people and pipelines, and its error
 * answers.
 */
package in.bontonsoftwares.deploymentrequest.api;
