package in.bontonsoftwares.deploymentrequest.node;

import static org.awaitility.Awaitility.await;

import in.bontonsoftwares.deploymentrequest.DeploymentRequestApplication;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * The app as a separate JVM, the way a node of a cluster runs: started, probed, killed with
 * SIGKILL, restarted. Used by the cluster test and the benchmarks.
 */
public final class AppNode implements AutoCloseable {

  /**
   * Arguments for nodes that one demo user drives with hundreds of requests within minutes: the
   * per-person limits of application.yaml (20 starts an hour, 10 open) raised out of the way.
   */
  public static final List<String> WITHOUT_START_LIMITS =
      List.of(
          "--deployment-request.limits.starts.max=1000000",
          "--deployment-request.limits.open-requests.max=1000000");

  /** For tests: quick to start, small. */
  public static final List<String> TEST_JVM =
      List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private final String name;
  private final int port;
  private final List<String> jvmOptions;
  private final List<String> arguments;
  private final Path log;
  private Process process;
  private volatile boolean suspended;

  /** A node with the test JVM options, in the folder of {@code log}. */
  public AppNode(String name, int port, List<String> arguments, Path log) {
    this(name, port, TEST_JVM, arguments, log);
  }

  public AppNode(String name, int port, List<String> jvmOptions, List<String> arguments, Path log) {
    this.name = name;
    this.port = port;
    this.jvmOptions = jvmOptions;
    this.arguments = arguments;
    this.log = log;
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Its job executor's lock owner (new at each start), the name {@code act_ru_job.LOCK_OWNER_}
   * gives the jobs it holds; from the job executor's health details, which the admin may read.
   */
  public String lockOwner() {
    return new EngineRest(this::baseUrl)
        .call("admin", "GET", "/actuator/health/jobExecutor", null)
        .path("details")
        .path("jobExecutor")
        .path("lockOwner")
        .asText();
  }

  public AppNode start() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            classPath(),
            DeploymentRequestApplication.class.getName(),
            "--server.port=" + port));
    command.addAll(arguments);
    Files.createDirectories(log.getParent());
    Files.writeString(
        log,
        String.join(" ", command) + System.lineSeparator(),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    // in its own folder: the repository root holds bpmn/ and forms/ too, which the node must find
    // once, on its class path
    process =
        new ProcessBuilder(command)
            .directory(log.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    awaitReady();
    return this;
  }

  /**
   * The test's class path as a plain list. Surefire hands the test JVM a single jar whose manifest
   * names the entries; a node started with that jar would see its resources twice (once per
   * manifest entry, once per class path root) and deploy the process twice.
   */
  public static String classPath() {
    List<String> entries =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.isBlank())
            .toList();
    if (entries.size() != 1 || !entries.get(0).endsWith(".jar")) {
      return String.join(File.pathSeparator, entries);
    }
    try (JarFile booter = new JarFile(entries.get(0))) {
      String manifestEntries = booter.getManifest().getMainAttributes().getValue("Class-Path");
      if (manifestEntries == null) {
        return entries.get(0);
      }
      URI base = Path.of(entries.get(0)).toAbsolutePath().getParent().toUri();
      return Arrays.stream(manifestEntries.trim().split("\\s+"))
          .filter(entry -> !entry.isBlank())
          .map(entry -> Path.of(base.resolve(entry)).toString())
          .collect(Collectors.joining(File.pathSeparator));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Freezes the JVM (SIGSTOP): it uses no CPU and takes no jobs, and keeps its warm JIT for {@link
   * #resume()}.
   */
  public void suspend() throws IOException, InterruptedException {
    signal("STOP");
    suspended = true;
  }

  public void resume() throws IOException, InterruptedException {
    signal("CONT");
    suspended = false;
  }

  public boolean suspended() {
    return suspended;
  }

  private void signal(String signal) throws IOException, InterruptedException {
    int exit =
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
            .inheritIO()
            .start()
            .waitFor();
    if (exit != 0) {
      throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /** kill -9: no shutdown hook, no commit, no goodbye. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  private void awaitReady() {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest readiness =
        HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(2))
            .build();
    await("node " + name + " ready (see " + log + ")")
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptionsInstanceOf(IOException.class)
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("Node " + name + " died at start-up; see " + log);
              }
              return client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode()
                  == 200;
            });
  }

  /** A free port for a node, a database or a mail server. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
