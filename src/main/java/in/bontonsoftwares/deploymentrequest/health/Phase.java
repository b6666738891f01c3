package in.bontonsoftwares.deploymentrequest.health;

/** When a probe ran: while the deployment is executed, or in the watch window after it. */
public enum Phase {
  EXECUTION,
  WATCH
}
