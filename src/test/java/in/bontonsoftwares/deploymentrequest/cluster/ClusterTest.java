package in.bontonsoftwares.deploymentrequest.cluster;

import in.bontonsoftwares.deploymentrequest.mail.SeparateSmtpServer;
import in.bontonsoftwares.deploymentrequest.node.AppNode;
import in.bontonsoftwares.deploymentrequest.node.ClusterNodes;
import in.bontonsoftwares.deploymentrequest.node.ExactlyOnce;
import in.bontonsoftwares.deploymentrequest.node.RequestDriver;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Camunda's own clustering, proven with real processes: app JVMs on one PostgreSQL, each with its
 * job executor, mail to a real SMTP server. A node killed with SIGKILL loses nothing; two nodes
 * finish 200 requests exactly once; when one dies mid-run the other finishes its work once the job
 * locks expire.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

  private static final int REQUESTS = 200;
  private static final int REQUESTS_WHEN_A_NODE_DIES = 30;

  private static EmbeddedPostgres postgres;
  @RegisterExtension static final SeparateSmtpServer SMTP = new SeparateSmtpServer();
  private static JdbcTemplate database;
  private static Path work;
  private static AppNode nodeA;
  private static AppNode nodeB;

  @BeforeAll
  static void startDatabaseMailAndFirstNode() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    database =
        new JdbcTemplate(
            new SingleConnectionDataSource(postgres.getJdbcUrl("postgres", "postgres"), true));
    work = Files.createTempDirectory("cluster-test");
    nodeA = node("a").start();
  }

  @AfterAll
  static void stopEverything() throws Exception {
    for (AppNode node : new AppNode[] {nodeA, nodeB}) {
      if (node != null) {
        node.close();
      }
    }
    postgres.close();
  }

  @Test
  @Order(1)
  void shouldContinueARequestOnceAfterItsNodeWasKilled() throws Exception {
    // asks for node A at every call: after the restart it is a new process on a new port
    RequestDriver driver =
        RequestDriver.resilient(() -> nodeA.baseUrl(), TestRequests.validRequest());
    String[] request = driver.submit();
    driver.review(request[0]);

    // the node dies the moment the review is in, with the decision's job pending
    nodeA.kill();
    nodeA = node("a").start();
    driver.runToTheEnd(request[0]);

    assertExactlyOnce(List.of(request[1]), false);
  }

  @Test
  @Order(2)
  void shouldFinishEveryRequestExactlyOnceOnTwoNodes() throws Exception {
    nodeB = node("b").start();
    AtomicInteger next = new AtomicInteger();
    Supplier<String> roundRobin = () -> (next.getAndIncrement() % 2 == 0 ? nodeA : nodeB).baseUrl();

    List<String> numbers = runConcurrently(REQUESTS, roundRobin, () -> {});

    assertExactlyOnce(numbers, false);
  }

  @Test
  @Order(3)
  void shouldFinishTheWorkOfANodeThatDiedMidRun() throws Exception {
    AtomicBoolean bAlive = new AtomicBoolean(true);
    AtomicInteger next = new AtomicInteger();
    Supplier<String> balancer =
        () -> (bAlive.get() && next.getAndIncrement() % 2 == 1 ? nodeB : nodeA).baseUrl();
    AtomicInteger finished = new AtomicInteger();

    List<String> numbers =
        runConcurrently(
            REQUESTS_WHEN_A_NODE_DIES,
            balancer,
            () -> {
              if (finished.incrementAndGet() == REQUESTS_WHEN_A_NODE_DIES / 3
                  && bAlive.getAndSet(false)) {
                try {
                  nodeB.kill();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });

    assertExactlyOnce(numbers, true);
  }

  /**
   * Submits all requests, then works them to the end with 8 people at once; returns the request
   * numbers.
   */
  private static List<String> runConcurrently(int count, Supplier<String> nodes, Runnable afterEach)
      throws Exception {
    ExecutorService people = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> requests = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        requests.add(
            people.submit(
                () -> {
                  RequestDriver driver =
                      RequestDriver.resilient(nodes, TestRequests.validRequest());
                  String[] request = driver.submit();
                  driver.playHappyPath(request[0]);
                  afterEach.run();
                  return request[1];
                }));
      }
      List<String> numbers = new ArrayList<>();
      for (Future<String> request : requests) {
        numbers.add(request.get());
      }
      return numbers;
    } finally {
      people.shutdownNow();
    }
  }

  private static void assertExactlyOnce(List<String> numbers, boolean aNodeDied) throws Exception {
    ExactlyOnce.assertFinishedExactlyOnce(database, SMTP.received(), numbers, aNodeDied);
  }

  private static AppNode node(String name) {
    // a dead node's jobs return to the others quickly in the test
    return new ClusterNodes(
            postgres.getJdbcUrl("postgres", "postgres"),
            SMTP.port(),
            work,
            Duration.ofSeconds(15),
            Duration.ofSeconds(2))
        .node(name, List.of());
  }
}
