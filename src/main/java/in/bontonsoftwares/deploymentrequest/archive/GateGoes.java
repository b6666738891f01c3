package in.bontonsoftwares.deploymentrequest.archive;

import java.util.List;

/**
 * The GOs the pipeline gate gave for a request, for its record. The gate keeps them ({@code
 * pipeline.GoRecords}); declaring the need here keeps {@code archive} free of the gate.
 */
public interface GateGoes {

  /** Oldest first; empty when the gate never said GO. */
  List<DeploymentRecord.GateGo> of(String requestNumber);
}
