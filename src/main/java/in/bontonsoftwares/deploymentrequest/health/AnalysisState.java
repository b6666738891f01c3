package in.bontonsoftwares.deploymentrequest.health;

/**
 * Where an analysis stands: RUNNING (measurements still due), SUCCESSFUL (every check ran its count
 * within its limits), FAILED (a check failed more often than its failure limit: roll back) or
 * INCONCLUSIVE (a check was inconclusive more often than its inconclusive limit: a person decides).
 */
public enum AnalysisState {
  RUNNING,
  SUCCESSFUL,
  FAILED,
  INCONCLUSIVE;

  public boolean finished() {
    return this != RUNNING;
  }
}
