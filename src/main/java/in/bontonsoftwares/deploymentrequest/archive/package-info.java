/**
 * The deployment record of policy step 7: built from what really happened (the process history, the
 * health checks' probes), rendered as PDF and JSON, archived write-once with its SHA-256, mailed to
 * the DevSecOps mailbox and served over REST.
 */
package in.bontonsoftwares.deploymentrequest.archive;
