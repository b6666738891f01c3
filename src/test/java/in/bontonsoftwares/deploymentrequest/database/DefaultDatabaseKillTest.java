package in.bontonsoftwares.deploymentrequest.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.mail.SeparateSmtpServer;
import in.bontonsoftwares.deploymentrequest.node.AppNode;
import in.bontonsoftwares.deploymentrequest.node.EngineRest;
import in.bontonsoftwares.deploymentrequest.node.ExactlyOnce;
import in.bontonsoftwares.deploymentrequest.node.RequestDriver;
import in.bontonsoftwares.deploymentrequest.node.RequestDriver.Step;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The embedded default run killed with SIGKILL the moment a step is acknowledged. The app runs as a
 * separate JVM in a folder of its own and is given no database or archive setting, so that it uses
 * the H2 file database of application.yaml's URL and the archive under {@code ./data} exactly as
 * {@code java -jar} does; only its mail goes to a separate SMTP server, whose mails outlive the
 * kills and can be counted. After every restart the step that was acknowledged is still done; in
 * the end every request was done exactly once.
 */
class DefaultDatabaseKillTest {

  /**
   * Each request is killed after its submission and after four of its five user tasks: 20 kills,
   * enough that a commit which reaches the disk only some hundred milliseconds after it was
   * acknowledged (H2's default write delay) is caught many times over. Verification is worked
   * without a kill after it, to keep the run time down.
   */
  private static final int REQUESTS = 4;

  private static final List<Step> KILLED_AFTER =
      List.of(
          RequestDriver.REVIEW,
          RequestDriver.SCHEDULE,
          RequestDriver.EXECUTE,
          RequestDriver.DOCUMENT);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path work;

  @RegisterExtension final SeparateSmtpServer smtp = new SeparateSmtpServer();
  private AppNode node;
  private int kills;

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void shouldKeepEveryAcknowledgedStepWhenTheDefaultRunIsKilledTheMomentItIsAcknowledged()
      throws Exception {
    // given: the default run, nothing configured but the mail server and quick recovery of a dead
    // node's jobs
    node = start();
    List<String> lost = new ArrayList<>();
    List<String> numbers = new ArrayList<>();

    // when: killed after every acknowledged step, restarted each time
    for (int i = 0; i < REQUESTS; i++) {
      RequestDriver driver =
          RequestDriver.resilient(() -> node.baseUrl(), TestRequests.validRequest());
      String[] request = driver.submit();
      killAndRestart();
      if (!driver.exists(request[0])) {
        lost.add("kill " + kills + ": the submission of " + request[1]);
        request = driver.submit();
      }
      for (int s = 0; s < RequestDriver.STEPS.size(); s++) {
        Step step = RequestDriver.STEPS.get(s);
        driver.work(request[0], step);
        if (!KILLED_AFTER.contains(step)) {
          continue;
        }
        killAndRestart();
        if (!driver.isDone(request[0], step)) {
          lost.add("kill " + kills + ": " + step.taskKey() + " of " + request[1]);
          // the test goes on as the people would: they do again what the crash undid (each step
          // once)
          for (Step again : RequestDriver.STEPS.subList(0, s + 1)) {
            driver.work(request[0], again);
          }
        }
        assertThat(driver.openTasks(request[0]))
            .as("open tasks of " + request[1] + " after kill " + kills)
            .doesNotHaveDuplicates();
      }
      driver.awaitCompleted(request[0]);
      numbers.add(request[1]);
    }

    // then: no acknowledged step lost, each request done once, its record on disk as registered
    SoftAssertions softly = new SoftAssertions();
    softly
        .assertThat(lost)
        .as("kills (of %d) after which an acknowledged step was gone", kills)
        .isEmpty();
    softly.check(() -> assertRecordsReadable(numbers));
    node.close();
    // the default database file, read once the node has closed it; IFEXISTS: the node used no other
    SingleConnectionDataSource file =
        new SingleConnectionDataSource(
            "jdbc:h2:file:"
                + work.resolve("data").resolve("deployment-request").toAbsolutePath()
                + ";IFEXISTS=TRUE",
            "sa",
            "",
            true);
    try {
      softly.check(
          () ->
              ExactlyOnce.assertFinishedExactlyOnce(
                  new JdbcTemplate(file), smtp.received(), numbers, true));
    } finally {
      file.destroy();
    }
    softly.assertAll();
  }

  /**
   * The record's files are there and match the hashes registered with them (the app checks before
   * it serves).
   */
  private void assertRecordsReadable(List<String> numbers) throws Exception {
    EngineRest rest = new EngineRest(() -> node.baseUrl());
    for (String number : numbers) {
      JsonNode json =
          new ObjectMapper().readTree(rest.download("sofia", "/api/records/" + number + "/json"));
      assertThat(json.get("requestNumber").asText()).as(number + " record").isEqualTo(number);
      byte[] pdf = rest.download("sofia", "/api/records/" + number + "/pdf");
      assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII))
          .as(number + " PDF")
          .isEqualTo("%PDF-");
    }
  }

  private void killAndRestart() throws Exception {
    node.kill();
    kills++;
    node = start();
  }

  private AppNode start() throws Exception {
    return new AppNode(
            "default",
            AppNode.freePort(),
            List.of(
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.port(),
                // the jobs a killed node had locked run again soon after the restart (Camunda's
                // default lock: 5 minutes)
                "--camunda.bpm.job-execution.lock-time-in-millis=5000",
                "--camunda.bpm.job-execution.wait-time-in-millis=500",
                "--camunda.bpm.job-execution.max-wait=2000",
                "--logging.level.root=WARN"),
            work.resolve("node.log"))
        .start();
  }
}
