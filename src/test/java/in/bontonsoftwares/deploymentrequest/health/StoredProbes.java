package in.bontonsoftwares.deploymentrequest.health;

import java.util.List;
import org.springframework.context.ApplicationContext;

/**
 * Probe results stored as a probe round stores them ({@link ProbeRepository}), for tests of what
 * reads the probes that need more of them, or other verdicts and messages, than measuring gives
 * quickly.
 */
public final class StoredProbes {

  private StoredProbes() {}

  public static void store(
      ApplicationContext context, String environment, List<ProbeResult> results) {
    ProbeRepository repository = context.getBean(ProbeRepository.class);
    results.forEach(result -> repository.insert(result, environment));
  }
}
