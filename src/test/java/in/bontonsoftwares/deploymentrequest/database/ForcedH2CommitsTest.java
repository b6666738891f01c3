package in.bontonsoftwares.deploymentrequest.database;

import static in.bontonsoftwares.deploymentrequest.database.ForceRecordingFilePath.FORCE;
import static in.bontonsoftwares.deploymentrequest.database.ForceRecordingFilePath.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded default database (the URL of application.yaml, in a temporary folder) on a file
 * system that records what reaches the database file: a commit through the app's pool is on the
 * device when {@code commit()} returns.
 */
class ForcedH2CommitsTest {

  @TempDir Path directory;
  private HikariDataSource pool;

  @AfterEach
  void close() {
    pool.close();
  }

  @Test
  void shouldForceTheCommitToDiskBeforeItReturnsWhenTheDatabaseIsAnH2File() {
    // given
    DataSource dataSource = appPool(true);
    assertThat(dataSource).isInstanceOf(ForcedCommitDataSource.class);
    ForceRecordingFilePath.takeEvents();

    // when
    List<String> events = commitARow(dataSource);

    // then: the commit was written, and the file forced after the last write
    assertThat(events).contains(WRITE).last().isEqualTo(FORCE);
  }

  @Test
  void shouldLeaveTheCommitInH2sWriteDelayWhenForcingIsSwitchedOff() {
    // given
    DataSource dataSource = appPool(false);
    assertThat(dataSource).isSameAs(pool);
    ForceRecordingFilePath.takeEvents();

    // when
    List<String> events = commitARow(dataSource);

    // then: acknowledged, and not yet on the device: what a kill -9 or a power cut would lose
    assertThat(events).doesNotContain(FORCE);
  }

  @Test
  void shouldLeaveAnInMemoryDatabaseAloneWhenThereIsNoDiskToForce() {
    // given
    pool = new HikariDataSource();
    pool.setJdbcUrl("jdbc:h2:mem:forced-commits-test");

    // when
    Object processed = postProcessor(true).postProcessAfterInitialization(pool, "dataSource");

    // then
    assertThat(processed).isSameAs(pool);
  }

  /**
   * The pool Spring Boot builds from the default URL, as the app's post-processor hands it on; with
   * a table.
   */
  private DataSource appPool(boolean forceCommits) {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yaml"));
    String url = yaml.getObject().getProperty("spring.datasource.url");
    String dataDirectory = "jdbc:h2:file:./data/";
    assertThat(url).as("the default URL").startsWith(dataDirectory);
    pool = new HikariDataSource();
    pool.setJdbcUrl(
        "jdbc:h2:"
            + ForceRecordingFilePath.prefix()
            + directory.toAbsolutePath()
            + "/"
            + url.substring(dataDirectory.length()));
    pool.setUsername("sa");
    pool.setPassword("");
    DataSource dataSource =
        (DataSource) postProcessor(forceCommits).postProcessAfterInitialization(pool, "dataSource");
    new JdbcTemplate(dataSource).execute("create table acknowledged (id int primary key)");
    return dataSource;
  }

  private static ForcedH2Commits postProcessor(boolean forceCommits) {
    ForcedH2Commits postProcessor = new ForcedH2Commits();
    postProcessor.setEnvironment(
        new MockEnvironment()
            .withProperty(
                "deployment-request.database.force-commits", String.valueOf(forceCommits)));
    return postProcessor;
  }

  /**
   * Inserts a row in a transaction, the way the engine and the app commit; returns what reached the
   * file.
   */
  private static List<String> commitARow(DataSource dataSource) {
    new TransactionTemplate(new JdbcTransactionManager(dataSource))
        .executeWithoutResult(
            status ->
                new JdbcTemplate(dataSource).update("insert into acknowledged (id) values (1)"));
    return ForceRecordingFilePath.takeEvents();
  }
}
