package in.bontonsoftwares.deploymentrequest.database;

import static in.bontonsoftwares.deploymentrequest.database.PostgresProfileTest.CAMUNDA_CHANGELOG;
import static org.assertj.core.api.Assertions.assertThat;

import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.DeploymentRequestApplication;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicket;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicketService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Releases before Liquibase migrated the app's tables with Flyway (V1 to V6, recorded in {@code
 * flyway_schema_history}). A database they left behind, H2 in {@code ./data} or PostgreSQL, starts
 * on this release without a failure and without losing a row: the app's changelog finds its tables
 * and records their change sets as run, and a database that Flyway had taken only part of the way
 * gets the rest.
 *
 * <p>The H2 tests are tagged {@link DependsOnTime}: the profile {@code time-settings} runs them
 * again in other zones and locales, since Flyway's {@code V4} converted local times in the JVM's
 * zone (as its change set still does) and H2 reads identifiers in the JVM's locale (a Turkish
 * {@code lower('CHANGE_TICKET')} is {@code change_tıcket}). Not the PostgreSQL one: on a Turkish
 * JVM Camunda 7.24's own schema check on PostgreSQL fails (ENGINE-03056), with or without this
 * change.
 */
class FlywayUpgradeTest {

  /** The SQL of Flyway's V1 to V6, which the app's changelog runs unchanged. */
  private static final Map<String, String> FLYWAY_MIGRATIONS = new LinkedHashMap<>();

  static {
    FLYWAY_MIGRATIONS.put("1", "app_tables:1-app-tables.sql");
    FLYWAY_MIGRATIONS.put("2", "change_ticket_events:2-change-ticket-events.sql");
    FLYWAY_MIGRATIONS.put("3", "deployment_records:3-deployment-records.sql");
    FLYWAY_MIGRATIONS.put("4", "instants_with_time_zone:4-instants-with-time-zone.sql");
    FLYWAY_MIGRATIONS.put("6", "limits:6-limits.sql");
  }

  private static final List<String> APP_TABLES =
      List.of(
          "number_sequence",
          "change_ticket",
          "change_ticket_event",
          "sent_mail",
          "deployment_record",
          "limit_hit",
          "start_limit_lock");

  private static final List<String> CHANGE_SETS =
      List.of(
          "1-app-tables",
          "2-change-ticket-events",
          "3-deployment-records",
          "4-instants-with-time-zone",
          "6-limits");

  /** Change sets added after the Flyway releases: they run on a database those migrated. */
  private static final List<String> NEW_CHANGE_SETS =
      List.of(
          "7-access-tokens",
          "8-pipeline-gate",
          "9-notification-settings",
          "10-freeze-periods",
          "11-token-scopes",
          "12-health-checks",
          "13-chat-messages",
          "14-forge-deployments");

  @TempDir Path dataDirectory;

  @Test
  @Tag(DependsOnTime.TAG)
  void shouldKeepAnH2DatabaseInDataThatFlywayMigrated() {
    String url =
        "jdbc:h2:file:" + dataDirectory.resolve("deployment-request") + ";DB_CLOSE_ON_EXIT=FALSE";
    shouldUpgradeADatabaseThatFlywayMigrated(
        new DriverManagerDataSource(url, "sa", ""),
        List.of("demo", "test"),
        List.of("--spring.datasource.url=" + url),
        // the previous release ran Flyway, which found every migration applied
        List.of("--spring.liquibase.enabled=false"));
  }

  @Test
  void shouldKeepAPostgresDatabaseThatFlywayMigrated() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
        connection.createStatement().execute("create database flyway_era");
      }
      shouldUpgradeADatabaseThatFlywayMigrated(
          postgres.getDatabase("postgres", "flyway_era"),
          List.of("demo", "test", "postgres"),
          List.of(
              "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "flyway_era"),
              "--spring.datasource.username=postgres",
              "--spring.datasource.password="),
          // the previous release's postgres profile: Camunda's changelog alone, then Flyway
          List.of("--spring.liquibase.change-log=classpath:" + CAMUNDA_CHANGELOG));
    }
  }

  @Test
  @Tag(DependsOnTime.TAG)
  void shouldApplyOnlyTheMigrationsThatFlywayHadNotRun() {
    // given a database of a release that had Flyway's V1 to V3, with a ticket in local time
    DataSource database =
        new DriverManagerDataSource(
            "jdbc:h2:mem:flyway-v3-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    migrateAsFlywayDid(database, "1", "2", "3");
    LocalDateTime windowStart = LocalDateTime.of(2026, 6, 15, 22, 0);
    JdbcTemplate jdbc = new JdbcTemplate(database);
    Timestamp written = Timestamp.valueOf(windowStart);
    jdbc.update(
        "insert into change_ticket (ticket_number, request_number, process_instance_id, "
            + "project_name, application_name, version, environment, window_start, window_end, "
            + "rollback_plan, status, created_at, updated_at) "
            + "values ('CHG-2026-0001', 'DR-2026-0001', 'p1', 'Ledger', 'ledger-api', '1.0', "
            + "'production', ?, ?, 'Redeploy 0.9', 'SCHEDULED', ?, ?)",
        written,
        written,
        written,
        written);

    // when this release's changelog runs on it
    runAppChangelog(database);

    // then V1 to V3 are recorded as run, V4 and V6 ran
    assertThat(appChangeSets(jdbc))
        .containsExactly(
            "1-app-tables MARK_RAN",
            "2-change-ticket-events MARK_RAN",
            "3-deployment-records MARK_RAN",
            "4-instants-with-time-zone EXECUTED",
            "6-limits EXECUTED",
            "7-access-tokens EXECUTED",
            "8-pipeline-gate EXECUTED",
            "9-notification-settings EXECUTED",
            "10-freeze-periods EXECUTED",
            "11-token-scopes EXECUTED",
            "12-health-checks EXECUTED",
            "13-chat-messages EXECUTED",
            "14-forge-deployments EXECUTED");
    assertThat(jdbc.queryForObject("select count(*) from limit_hit", Integer.class)).isZero();
    // and the ticket's window is the instant the JVM's zone meant, now kept with its offset
    assertThat(jdbc.queryForObject("select window_start from change_ticket", OffsetDateTime.class))
        .satisfies(
            start ->
                assertThat(start.toInstant())
                    .isEqualTo(windowStart.atZone(ZoneId.systemDefault()).toInstant()));

    // and a second run finds nothing to do
    runAppChangelog(database);
    assertThat(appChangeSets(jdbc)).hasSize(CHANGE_SETS.size() + NEW_CHANGE_SETS.size());
  }

  /**
   * Builds the database as a release before Liquibase left it (Flyway's migrations, the engine's
   * tables, a request and a change ticket), then starts this release on it.
   */
  private void shouldUpgradeADatabaseThatFlywayMigrated(
      DataSource database,
      List<String> profiles,
      List<String> databaseArgs,
      List<String> previousReleaseArgs) {
    JdbcTemplate jdbc = new JdbcTemplate(database);
    migrateAsFlywayDid(database, FLYWAY_MIGRATIONS.keySet().toArray(String[]::new));
    List<Map<String, Object>> flywayHistory = flywayHistory(jdbc);
    String instanceId;
    String requestNumber;
    ChangeTicket ticket;
    Map<String, List<Map<String, Object>>> rowsBefore;
    List<Map<String, Object>> engineChangeSets;
    // this release's code plays the previous release, and its window check reads freeze periods,
    // which that release did not have: the table is there for the play and gone before the upgrade
    runScript(database, "10-freeze-periods.sql");
    try (ConfigurableApplicationContext previous =
        start(profiles, databaseArgs, previousReleaseArgs, "flywayEra")) {
      ProcessInstance request = startRequest(previous);
      instanceId = request.getId();
      requestNumber = request.getBusinessKey();
      ticket = openTicket(previous, requestNumber);
      rowsBefore = appRows(jdbc);
      engineChangeSets = engineChangeSets(jdbc);
    }
    jdbc.execute("drop table freeze_period");
    assertThat(rowsBefore.get("number_sequence")).isNotEmpty();
    assertThat(rowsBefore.get("change_ticket_event")).isNotEmpty();

    // when this release starts on it
    try (ConfigurableApplicationContext upgraded =
        start(profiles, databaseArgs, List.of(), "liquibaseEra")) {
      // then the Flyway era's change sets are recorded as run, only later ones ran, no row changed
      assertThat(appChangeSets(jdbc))
          .containsExactlyElementsOf(
              java.util.stream.Stream.concat(
                      CHANGE_SETS.stream().map(id -> id + " MARK_RAN"),
                      NEW_CHANGE_SETS.stream().map(id -> id + " EXECUTED"))
                  .toList());
      assertThat(appRows(jdbc)).isEqualTo(rowsBefore);
      assertThat(engineChangeSets(jdbc))
          .as("Camunda's change sets are not run again")
          .isEqualTo(engineChangeSets);
      assertThat(flywayHistory(jdbc))
          .as("Flyway's history is kept as it was")
          .isEqualTo(flywayHistory);

      // and the request, its ticket and the numbering go on
      ProcessEngine engine = upgraded.getBean(ProcessEngine.class);
      assertThat(
              engine
                  .getRuntimeService()
                  .createProcessInstanceQuery()
                  .processInstanceId(instanceId)
                  .singleResult()
                  .getBusinessKey())
          .isEqualTo(requestNumber);
      ChangeTicketService tickets = upgraded.getBean(ChangeTicketService.class);
      assertThat(tickets.find(ticket.ticketNumber()).orElseThrow().windowStart())
          .isEqualTo(ticket.windowStart());
      ProcessInstance next = startRequest(upgraded);
      assertThat(next.getBusinessKey()).isNotEqualTo(requestNumber);
      assertThat(openTicket(upgraded, next.getBusinessKey()).ticketNumber())
          .isNotEqualTo(ticket.ticketNumber());
    }
  }

  /** What Flyway did: the migrations' SQL, each recorded in its history table. */
  private static void migrateAsFlywayDid(DataSource database, String... versions) {
    JdbcTemplate jdbc = new JdbcTemplate(database);
    jdbc.execute(
        "create table \"flyway_schema_history\" (\"installed_rank\" integer not null primary key, "
            + "\"version\" varchar(50), \"description\" varchar(200) not null, "
            + "\"type\" varchar(20) not null, \"script\" varchar(1000) not null, "
            + "\"checksum\" integer, \"installed_by\" varchar(100) not null, "
            + "\"installed_on\" timestamp default current_timestamp not null, "
            + "\"execution_time\" integer not null, \"success\" boolean not null)");
    IntStream.range(0, versions.length)
        .forEach(
            rank -> {
              String version = versions[rank];
              String[] migration = FLYWAY_MIGRATIONS.get(version).split(":");
              runScript(database, migration[1]);
              jdbc.update(
                  "insert into \"flyway_schema_history\" (\"installed_rank\", \"version\", "
                      + "\"description\", \"type\", \"script\", \"checksum\", \"installed_by\", "
                      + "\"execution_time\", \"success\") values (?, ?, ?, 'SQL', ?, ?, 'sa', 5, true)",
                  rank + 1,
                  version,
                  migration[0].replace('_', ' '),
                  "V" + version + "__" + migration[0] + ".sql",
                  migration[1].hashCode());
            });
  }

  /** Runs one SQL file of the app's changelog as it is. */
  private static void runScript(DataSource database, String file) {
    try (Connection connection = database.getConnection()) {
      ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/changelog/app/" + file));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void runAppChangelog(DataSource database) {
    SpringLiquibase liquibase = new SpringLiquibase();
    liquibase.setDataSource(database);
    liquibase.setChangeLog("classpath:db/changelog/app-tables.xml");
    liquibase.setResourceLoader(new DefaultResourceLoader());
    try {
      liquibase.afterPropertiesSet();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ConfigurableApplicationContext start(
      List<String> profiles, List<String> databaseArgs, List<String> extraArgs, String engine) {
    return new SpringApplicationBuilder(DeploymentRequestApplication.class)
        .profiles(profiles.toArray(String[]::new))
        .run(
            Stream.of(
                    databaseArgs.stream(),
                    extraArgs.stream(),
                    // engines register by name JVM-wide (see RestartTest)
                    Stream.of("--camunda.bpm.process-engine-name=" + engine))
                .flatMap(args -> args)
                .toArray(String[]::new));
  }

  private static ProcessInstance startRequest(ConfigurableApplicationContext node) {
    ProcessEngine engine = node.getBean(ProcessEngine.class);
    engine.getIdentityService().setAuthentication("dana", List.of("developers"));
    try {
      return engine
          .getRuntimeService()
          .startProcessInstanceByKey(
              DeploymentRequestProcess.KEY,
              TestRequests.validRequest(node.getBean(DeploymentRequestProperties.class)));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private static ChangeTicket openTicket(ConfigurableApplicationContext node, String request) {
    return node.getBean(ChangeTicketService.class)
        .open(InstantColumnsTest.ticket(request, Instant.parse("2026-11-01T11:30:00Z")));
  }

  private static Map<String, List<Map<String, Object>>> appRows(JdbcTemplate jdbc) {
    Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    APP_TABLES.forEach(
        table -> rows.put(table, jdbc.queryForList("select * from " + table + " order by 1")));
    return rows;
  }

  private static List<String> appChangeSets(JdbcTemplate jdbc) {
    return jdbc.queryForList(
        "select id || ' ' || exectype from databasechangelog "
            + "where filename = 'db/changelog/app-tables.xml' order by orderexecuted",
        String.class);
  }

  private static List<Map<String, Object>> engineChangeSets(JdbcTemplate jdbc) {
    Integer tables =
        jdbc.queryForObject(
            "select count(*) from information_schema.tables "
                + "where lower(table_name) = 'databasechangelog'",
            Integer.class);
    return tables == 0
        ? List.of()
        : jdbc.queryForList(
            "select id, md5sum, dateexecuted from databasechangelog where filename = ? "
                + "order by orderexecuted",
            CAMUNDA_CHANGELOG);
  }

  private static List<Map<String, Object>> flywayHistory(JdbcTemplate jdbc) {
    return jdbc.queryForList("select * from \"flyway_schema_history\" order by 1");
  }
}
