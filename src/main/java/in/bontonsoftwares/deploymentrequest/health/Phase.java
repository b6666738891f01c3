package in.bontonsoftwares.deploymentrequest.health;

/** When a probe ran: while the deployment is executed, or in the watch window after it. */
public enum Phase {
  EXECUTION("During execution"),
  WATCH("Watch window");

  private final String label;

  Phase(String label) {
    this.label = label;
  }

  /** {@code During execution}, {@code Watch window}: the phase's heading for people. */
  public String label() {
    return label;
  }
}
