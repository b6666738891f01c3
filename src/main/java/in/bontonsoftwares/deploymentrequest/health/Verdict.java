package in.bontonsoftwares.deploymentrequest.health;

/**
 * The verdict on one measurement, as Argo Rollouts names them: SUCCESSFUL, FAILED (the target
 * answered wrong: a status, a condition), INCONCLUSIVE (no answer to judge: a timeout, a refused
 * connection, Prometheus down or without data) and ERROR (the check itself could not be made, e.g.
 * a query Prometheus refuses). ERROR counts towards the inconclusive limit: a person decides.
 */
public enum Verdict {
  SUCCESSFUL("✓"),
  FAILED("✗"),
  INCONCLUSIVE("?"),
  ERROR("!");

  private final String symbol;

  Verdict(String symbol) {
    this.symbol = symbol;
  }

  /** {@code ✓}, {@code ✗}, {@code ?}, {@code !} for the plain-text summary. */
  public String symbol() {
    return symbol;
  }

  boolean inconclusive() {
    return this == INCONCLUSIVE || this == ERROR;
  }
}
