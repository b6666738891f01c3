package in.bontonsoftwares.deploymentrequest.health;

import java.time.Instant;

/**
 * One stored measurement: which check of which request, in which phase, its attempt (1, 2, ... per
 * check and phase), when, the value judged, the verdict and why.
 */
public record ProbeResult(
    String requestNumber,
    String check,
    Phase phase,
    int attempt,
    Instant probedAt,
    String value,
    Verdict verdict,
    String message) {}
