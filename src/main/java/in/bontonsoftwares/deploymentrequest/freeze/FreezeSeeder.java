package in.bontonsoftwares.deploymentrequest.freeze;

import in.bontonsoftwares.deploymentrequest.config.FreezeProperties;
import in.bontonsoftwares.deploymentrequest.config.FreezeProperties.Declaration;
import in.bontonsoftwares.deploymentrequest.request.RequestValidationException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Creates the freezes of {@code deployment-request.freezes.seed} at start-up, each once: a freeze
 * of that name is left as it is (DevSecOps may have changed it since), also when another node
 * created it a moment before. A seed that does not pass the checks of {@code POST /api/freezes}
 * stops the start.
 */
@Component
class FreezeSeeder implements ApplicationRunner {

  static final String BY = "configuration";

  private static final Logger LOG = LoggerFactory.getLogger(FreezeSeeder.class);

  private final FreezeProperties properties;
  private final Freezes freezes;
  private final FrozenWindows frozenWindows;

  FreezeSeeder(FreezeProperties properties, Freezes freezes, FrozenWindows frozenWindows) {
    this.properties = properties;
    this.freezes = freezes;
    this.frozenWindows = frozenWindows;
  }

  @Override
  public void run(ApplicationArguments args) {
    List<Declaration> seeds = properties.seed();
    for (int i = 0; i < seeds.size(); i++) {
      Declaration seed = seeds.get(i);
      if (freezes.byName(seed.name().trim()).isPresent()) {
        continue;
      }
      try {
        Freeze freeze = freezes.create(seed, BY);
        LOG.info("Created the freeze '{}' from the configuration", freeze.name());
        frozenWindows.announce(freeze);
      } catch (RequestValidationException e) {
        throw new IllegalStateException(
            "deployment-request.freezes.seed[%d] (%s): %s"
                .formatted(i, seed.name(), e.getMessage()),
            e);
      } catch (ResponseStatusException e) {
        LOG.info("The freeze '{}' exists already: {}", seed.name(), e.getReason());
      }
    }
  }
}
