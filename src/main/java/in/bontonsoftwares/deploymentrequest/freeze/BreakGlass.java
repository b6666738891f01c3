package in.bontonsoftwares.deploymentrequest.freeze;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_APPROVED;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.BREAK_GLASS_FREEZE_IDS;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an approved break-glass lets a request's confirmed window into: the BLOCK freezes named when
 * it was asked for ({@code breakGlassFreezeIds}), while the approval stands ({@code
 * breakGlassApproved}, cleared by every scheduling). The gate passes them, and a later save of one
 * of them is no news to that request.
 */
public final class BreakGlass {

  private BreakGlass() {}

  /** The ids of the freezes the request's confirmed window may be in; none without an approval. */
  public static Set<Long> excused(ProcessVariables request) {
    String ids = request.get(BREAK_GLASS_FREEZE_IDS);
    if (!request.get(BREAK_GLASS_APPROVED) || ids == null) {
      return Set.of();
    }
    return Arrays.stream(ids.split(","))
        .map(String::trim)
        .filter(id -> !id.isEmpty())
        .map(Long::valueOf)
        .collect(Collectors.toUnmodifiableSet());
  }
}
