package in.bontonsoftwares.deploymentrequest.bench;

import in.bontonsoftwares.deploymentrequest.node.AppNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Benchmark R4, start-up and memory: starts an app's executable jar in a JVM of its own and
 * measures the time until it answers and its resident memory at that moment. The same measurement
 * runs on our app and on the bare reference app of {@code src/bench/bare-camunda-app} (what
 * start.camunda.com generates for a webapp project).
 */
public final class StartupMeasurement {

  /** The bare reference app, a Maven project of its own (not a module of the main pom). */
  private static final Path BARE_APP = Path.of("src", "bench", "bare-camunda-app");

  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Time from just before the JVM was started until the first HTTP 200, and VmRSS at that moment.
   */
  public record Sample(long millisToReady, long rssKiB) {}

  private StartupMeasurement() {}

  /**
   * Builds the bare reference app with the repository's Maven wrapper, unless its jar is newer than
   * its pom and every source file, and returns the jar. The build's output goes to {@code
   * target/benchmark/bare-app-build.log}.
   */
  public static Path buildBareApp(Path repositoryRoot) {
    Path root = repositoryRoot.toAbsolutePath().normalize();
    Path project = root.resolve(BARE_APP);
    Path jar = project.resolve(Path.of("target", "bare-camunda-app.jar"));
    if (isUpToDate(jar, project)) {
      return jar;
    }
    Path log = root.resolve(Path.of("target", "benchmark", "bare-app-build.log"));
    List<String> command =
        List.of(
            root.resolve("mvnw").toString(),
            "-B",
            "-q",
            "-f",
            BARE_APP.resolve("pom.xml").toString(),
            "package",
            "-DskipTests");
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      // the wrapper's Maven runs on the same Java as the benchmark
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Process build = builder.start();
      if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        build.destroyForcibly().waitFor();
        throw new IllegalStateException(
            "Build of the bare app took longer than "
                + BUILD_TIMEOUT.toMinutes()
                + " min; see "
                + log);
      }
      if (build.exitValue() != 0) {
        throw new IllegalStateException(
            "Build of the bare app failed (exit " + build.exitValue() + "); see " + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + String.join(" ", command) + "; see " + log, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while building the bare app", e);
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("Build of the bare app made no " + jar + "; see " + log);
    }
    try {
      // Maven leaves the jar as it was when no content changed (a source only touched); mark it as
      // checked, or
      // every later call would build again
      Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }

  /**
   * Starts {@code java <jvmOptions> -jar <jar> --server.port=<free port> <appArguments>} in a fresh
   * {@code workDir} (deleted first: a new database every time, output in {@code workDir/app.log}),
   * waits for the first HTTP 200 on {@code readyPath}, reads the process's resident memory right
   * then, and stops it again.
   */
  public static Sample measure(
      Path jar,
      Path workDir,
      List<String> jvmOptions,
      List<String> appArguments,
      String readyPath) {
    Path directory = workDir.toAbsolutePath().normalize();
    Path log = directory.resolve("app.log");
    int port = AppNode.freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port));
    command.addAll(appArguments);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + readyPath))
            .timeout(Duration.ofSeconds(2))
            .build();

    Process process = null;
    try {
      recreate(directory);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      long started = System.nanoTime();
      process = builder.start();
      long deadline = started + READY_TIMEOUT.toNanos();
      while (!answers200(client, ready)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "App "
                  + jar.getFileName()
                  + " died at start-up (exit "
                  + process.exitValue()
                  + "); see "
                  + log);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "App "
                  + jar.getFileName()
                  + " did not answer 200 on "
                  + ready.uri()
                  + " within "
                  + READY_TIMEOUT.toSeconds()
                  + " s; see "
                  + log);
        }
        Thread.sleep(POLL_INTERVAL.toMillis());
      }
      long millisToReady = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      return new Sample(millisToReady, residentKiB(process.pid()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + jar + "; see " + log, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while measuring " + jar, e);
    } finally {
      if (process != null) {
        stop(process);
      }
    }
  }

  /** Whether the jar exists and is newer than the pom and every file under src of the project. */
  private static boolean isUpToDate(Path jar, Path project) {
    if (!Files.isRegularFile(jar)) {
      return false;
    }
    try (Stream<Path> sources = Files.walk(project.resolve("src"))) {
      FileTime built = Files.getLastModifiedTime(jar);
      return Stream.concat(
              Stream.of(project.resolve("pom.xml")), sources.filter(Files::isRegularFile))
          .allMatch(source -> lastModified(source).compareTo(built) < 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FileTime lastModified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void recreate(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (Stream<Path> files = Files.walk(directory)) {
        // children before their folders
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    Files.createDirectories(directory);
  }

  /** Not up yet (connection refused, timeout) counts as "not 200". */
  private static boolean answers200(HttpClient client, HttpRequest request)
      throws InterruptedException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** VmRSS of {@code /proc/<pid>/status}, given there in kB (that is KiB). */
  private static long residentKiB(long pid) throws IOException {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmRSS:")) {
        // "VmRSS:	  412345 kB"
        return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
      }
    }
    throw new IllegalStateException("No VmRSS in " + status);
  }

  /** SIGTERM for a graceful shutdown, SIGKILL when it takes longer than {@link #STOP_TIMEOUT}. */
  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
