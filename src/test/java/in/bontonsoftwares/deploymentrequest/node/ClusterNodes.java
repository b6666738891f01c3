package in.bontonsoftwares.deploymentrequest.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes of one cluster in a test: the demo users without start limits, on one PostgreSQL, mail
 * to the test's SMTP server, a shared archive folder, failed jobs retried every 2 seconds. A node
 * killed with SIGKILL keeps its job locks for {@code lockTime}, then the others take its jobs
 * (production keeps Camunda's 5 minutes); an idle node looks for due jobs every {@code maxWait / 4}
 * at first, at least every {@code maxWait}.
 */
public record ClusterNodes(
    String jdbcUrl, int smtpPort, Path work, Duration lockTime, Duration maxWait) {

  /** Node {@code name} (not started), its log in {@code work}, with {@code more} arguments. */
  public AppNode node(String name, List<String> more) {
    List<String> arguments = new ArrayList<>(AppNode.WITHOUT_START_LIMITS);
    arguments.addAll(
        List.of(
            "--spring.profiles.active=demo,postgres",
            "--spring.datasource.url=" + jdbcUrl,
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=",
            "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + smtpPort,
            "--deployment-request.archive.directory=" + work.resolve("archive"),
            "--camunda.bpm.job-execution.lock-time-in-millis=" + lockTime.toMillis(),
            "--camunda.bpm.job-execution.wait-time-in-millis=" + maxWait.toMillis() / 4,
            "--camunda.bpm.job-execution.max-wait=" + maxWait.toMillis(),
            "--camunda.bpm.generic-properties.properties.failed-job-retry-time-cycle=R5/PT2S",
            "--logging.level.root=WARN"));
    arguments.addAll(more);
    return new AppNode(name, AppNode.freePort(), arguments, work.resolve("node-" + name + ".log"));
  }
}
