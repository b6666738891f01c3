package in.bontonsoftwares.deploymentrequest.health;

import java.time.Instant;
import java.util.List;

/**
 * What a probe round answers: the analysis of the phase after it, when the next round is due
 * ({@code null} once the analysis is finished) and the measurements this round took.
 */
public record ProbeOutcome(AnalysisState state, Instant nextProbeAt, List<ProbeResult> measured) {}
