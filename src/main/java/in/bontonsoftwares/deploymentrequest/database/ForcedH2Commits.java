package in.bontonsoftwares.deploymentrequest.database;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Makes the embedded default database keep every commit the app acknowledged, through {@code kill
 * -9} and, as far as the disk keeps what it was told to force, power cuts, as PostgreSQL does: the
 * pool of an H2 database on disk becomes a {@link ForcedCommitDataSource}.
 *
 * <p>H2 2.3's MVStore acknowledges a commit before it is on the disk. With its default write delay
 * (500 ms) a background thread writes the commit up to about half a second later, so a node killed
 * in that time loses it. {@code WRITE_DELAY=0} writes every commit at once, but only into the
 * operating system's cache (no {@code FileChannel.force}: lost on a power cut or kernel crash), and
 * it stops the background thread, which is the only place where MVStore compacts its file
 * (h2database issue 442). {@code CHECKPOINT SYNC} after each commit (the other tool H2's
 * "Durability Problems" names) writes it and forces it to the device, and leaves the background
 * thread at its work. It needs admin rights, which the default user {@code sa} has.
 *
 * <p>{@code deployment-request.database.force-commits=false} leaves H2 to itself (for measuring
 * what forcing costs). In-memory databases are left alone: there is no disk to force.
 */
@Component
class ForcedH2Commits implements BeanPostProcessor, EnvironmentAware {

  private static final Logger LOG = LoggerFactory.getLogger(ForcedH2Commits.class);

  private boolean enabled = true;

  // a post-processor is built before the configuration beans, so it reads its one setting from the
  // environment
  @Override
  public void setEnvironment(Environment environment) {
    enabled =
        environment.getProperty("deployment-request.database.force-commits", Boolean.class, true);
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && onDisk(pool.getJdbcUrl())) {
      if (!enabled) {
        LOG.warn(
            "H2 commits are not forced to disk (deployment-request.database.force-commits=false): the last "
                + "half second of acknowledged work is lost when the app is killed");
        return bean;
      }
      LOG.info("Every commit to {} is forced to disk before it is acknowledged", pool.getJdbcUrl());
      return new ForcedCommitDataSource(pool);
    }
    return bean;
  }

  private static boolean onDisk(String jdbcUrl) {
    return jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:mem:");
  }
}
