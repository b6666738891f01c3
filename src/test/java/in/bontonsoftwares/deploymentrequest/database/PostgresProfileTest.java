package in.bontonsoftwares.deploymentrequest.database;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import in.bontonsoftwares.deploymentrequest.DeploymentRequestApplication;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.node.RequestDriver;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code postgres} profile on a real PostgreSQL 16: the schema comes from the migrations
 * (Camunda's changelog for the engine and the app's beside it, in one Liquibase run), never from
 * the engine, a whole request runs to the end, and the next start of a node only validates.
 */
class PostgresProfileTest {

  private static final String REQUESTER = RequestDriver.REQUESTER;

  static final String CAMUNDA_CHANGELOG =
      "org/camunda/bpm/engine/db/liquibase/camunda-changelog.xml";

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Test
  void shouldCreateTheSchemaByMigrationsRunARequestAndOnlyValidateOnTheNextStart()
      throws SQLException {
    String database = createDatabase("deployment_request");
    ProcessInstance request;
    List<Map<String, Object>> changelogAfterFirstStart;

    // given a node started on an empty database
    try (ConfigurableApplicationContext node = start(database, "postgresFirst")) {
      ProcessEngine engine = node.getBean(ProcessEngine.class);
      JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);

      // then the engine's tables come from Camunda's changelog and the engine did not touch the
      // schema
      assertThat(engine.getProcessEngineConfiguration().getDatabaseSchemaUpdate())
          .isEqualTo("false");
      assertThat(
              Stream.of(node.getBeanNamesForType(ProcessEngine.class))
                  .map(name -> node.getBeanFactory().getBeanDefinition(name).getDependsOn()))
          .as("the engine is built after the migrations, not by chance")
          .singleElement()
          .satisfies(dependsOn -> assertThat(dependsOn).contains("liquibase"));
      assertThat(
              jdbc.queryForList(
                  "select id from databasechangelog where filename = ? order by orderexecuted",
                  String.class,
                  CAMUNDA_CHANGELOG))
          .as("Camunda's change sets, under its changelog's own path")
          .startsWith("7.16.0-baseline")
          .contains("7.23-to-7.24")
          .endsWith("7.24.0-tag");
      assertThat(jdbc.queryForList("select version_ from act_ge_schema_log", String.class))
          .contains("7.24.0");
      // and the app's tables come from its changelog, after the engine's, each change set run
      assertThat(
              jdbc.queryForList(
                  "select filename || ' ' || id || ' ' || exectype from databasechangelog "
                      + "where filename <> ? order by orderexecuted",
                  String.class,
                  CAMUNDA_CHANGELOG))
          .containsExactly(
              "db/changelog/app-tables.xml 1-app-tables EXECUTED",
              "db/changelog/app-tables.xml 2-change-ticket-events EXECUTED",
              "db/changelog/app-tables.xml 3-deployment-records EXECUTED",
              "db/changelog/app-tables.xml 4-instants-with-time-zone EXECUTED",
              "db/changelog/app-tables.xml 6-limits EXECUTED",
              "db/changelog/app-tables.xml 7-access-tokens EXECUTED",
              "db/changelog/app-tables.xml 8-pipeline-gate EXECUTED",
              "db/changelog/app-tables.xml 9-notification-settings EXECUTED",
              "db/changelog/app-tables.xml 10-freeze-periods EXECUTED",
              "db/changelog/app-tables.xml 11-token-scopes EXECUTED",
              "db/changelog/app-tables.xml 12-health-checks EXECUTED",
              "db/changelog/app-tables.xml 13-chat-messages EXECUTED",
              "db/changelog/app-tables.xml 14-forge-deployments EXECUTED");
      assertThat(tables(database)).doesNotContain("flyway_schema_history");
      changelogAfterFirstStart = changelog(jdbc);

      // when a request runs its happy path from submission to documentation
      request = submit(engine, validRequest(node));
      for (RequestDriver.Step step : RequestDriver.STEPS) {
        runDueJobs(engine, request);
        complete(engine, request, step.taskKey(), step.user(), step.form().get());
      }
      runDueJobs(engine, request);

      // then it ended deployed, with its mails, ticket and record in the app's tables on PostgreSQL
      assertThat(ended(engine, request).getEndActivityId()).isEqualTo(END_DEPLOYED);
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from sent_mail where request_number = ?",
                  Integer.class,
                  request.getBusinessKey()))
          .isGreaterThanOrEqualTo(4);
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from change_ticket where request_number = ?",
                  Integer.class,
                  request.getBusinessKey()))
          .isEqualTo(1);
      assertThat(
              jdbc.queryForObject(
                  "select outcome from deployment_record where request_number = ?",
                  String.class,
                  request.getBusinessKey()))
          .isEqualTo("DEPLOYED");
      assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    }

    // when the node starts again on the same database
    try (ConfigurableApplicationContext node = start(database, "postgresSecond")) {
      ProcessEngine engine = node.getBean(ProcessEngine.class);
      JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);

      // then nothing was migrated or created again, and everything of the first run is there
      assertThat(changelog(jdbc)).isEqualTo(changelogAfterFirstStart);
      assertThat(ended(engine, request).getBusinessKey()).isEqualTo(request.getBusinessKey());
      assertThat(
              engine
                  .getRepositoryService()
                  .createProcessDefinitionQuery()
                  .processDefinitionKey(DeploymentRequestProcess.KEY)
                  .count())
          .as("no redeployment of an unchanged model")
          .isEqualTo(1);

      // and the node works: a new request gets the next number
      ProcessInstance next = submit(engine, validRequest(node));
      assertThat(next.getBusinessKey()).isNotEqualTo(request.getBusinessKey());
      assertThat(
              engine
                  .getManagementService()
                  .createJobQuery()
                  .processInstanceId(next.getId())
                  .activityId(SEND_REQUEST_EMAIL)
                  .count())
          .isEqualTo(1);
    }
  }

  @Test
  void shouldRefuseToStartWhenTheEngineSchemaWasNotMigrated() throws SQLException {
    String database = createDatabase("not_migrated");

    Throwable failure =
        catchThrowable(
            () ->
                start(database, "postgresNotMigrated", "--spring.liquibase.enabled=false").close());

    assertThat(failure).isNotNull();
    assertThat(
            Stream.iterate(failure, cause -> cause != null, Throwable::getCause)
                .map(Throwable::getMessage))
        .anyMatch(
            message -> message != null && message.contains("no Camunda tables in the database"));
    assertThat(tables(database))
        .as("the engine created nothing")
        .noneMatch(table -> table.startsWith("act_"));
  }

  private static ConfigurableApplicationContext start(
      String database, String engineName, String... extraArgs) {
    String[] args =
        Stream.concat(
                Stream.of(
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", database),
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password=",
                    // engines register by name JVM-wide (see RestartTest); Camunda ignores names
                    // with a hyphen
                    "--camunda.bpm.process-engine-name=" + engineName),
                Stream.of(extraArgs))
            .toArray(String[]::new);
    return new SpringApplicationBuilder(DeploymentRequestApplication.class)
        .profiles("demo", "test", "postgres")
        .run(args);
  }

  private static String createDatabase(String name) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
      connection.createStatement().execute("create database " + name);
    }
    return name;
  }

  private static List<String> tables(String database) throws SQLException {
    return new JdbcTemplate(postgres.getDatabase("postgres", database))
        .queryForList(
            "select table_name from information_schema.tables where table_schema = 'public'",
            String.class);
  }

  private static List<Map<String, Object>> changelog(JdbcTemplate jdbc) {
    return jdbc.queryForList(
        "select id, md5sum, dateexecuted from databasechangelog order by orderexecuted");
  }

  private static Map<String, Object> validRequest(ConfigurableApplicationContext node) {
    return TestRequests.validRequest(node.getBean(DeploymentRequestProperties.class));
  }

  /** The requester submits the start form, as Tasklist's "Start process" does. */
  private static ProcessInstance submit(ProcessEngine engine, Map<String, Object> request) {
    String definitionId =
        engine
            .getRepositoryService()
            .createProcessDefinitionQuery()
            .processDefinitionKey(DeploymentRequestProcess.KEY)
            .latestVersion()
            .singleResult()
            .getId();
    signIn(engine, REQUESTER);
    try {
      return engine.getFormService().submitStartForm(definitionId, request);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /**
   * A person claims (when needed) and completes the one open task with that key through its form.
   */
  private static void complete(
      ProcessEngine engine,
      ProcessInstance instance,
      String taskKey,
      String user,
      Map<String, Object> form) {
    Task task =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(instance.getId())
            .taskDefinitionKey(taskKey)
            .singleResult();
    assertThat(task).as("open task " + taskKey).isNotNull();
    signIn(engine, user);
    try {
      if (task.getAssignee() == null) {
        engine.getTaskService().claim(task.getId(), user);
      }
      engine.getFormService().submitTaskForm(task.getId(), form);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /**
   * Runs every due job, as the job executor would, until the process waits for a person or a time.
   */
  private static void runDueJobs(ProcessEngine engine, ProcessInstance instance) {
    for (int round = 0; round < 50; round++) {
      List<Job> due =
          engine
              .getManagementService()
              .createJobQuery()
              .processInstanceId(instance.getId())
              .executable()
              .list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
    throw new IllegalStateException("Jobs keep coming: a loop in the model?");
  }

  private static void signIn(ProcessEngine engine, String user) {
    List<String> groups =
        engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
            .map(Group::getId)
            .toList();
    engine.getIdentityService().setAuthentication(user, groups);
  }

  private static HistoricProcessInstance ended(ProcessEngine engine, ProcessInstance instance) {
    HistoricProcessInstance historic =
        engine
            .getHistoryService()
            .createHistoricProcessInstanceQuery()
            .processInstanceId(instance.getId())
            .finished()
            .singleResult();
    assertThat(historic).as("request %s ended", instance.getBusinessKey()).isNotNull();
    return historic;
  }
}
