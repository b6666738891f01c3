package in.bontonsoftwares.deploymentrequest.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code prometheus} ({@code apt-get install prometheus}; {@code .ci/run} installs it)
 * started as a process of the test on a free port of 127.0.0.1, with a configuration of its own in
 * a temporary directory that scrapes one target every 200 ms. Without the binary the calling tests
 * skip, except in CI ({@code CI=true}), where they fail.
 */
final class PrometheusServer implements AutoCloseable {

  static final String BINARY_PROPERTY = "prometheus.binary";

  private final Process process;
  private final int port;
  private final Path log;

  private PrometheusServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Skips (or under {@code CI=true} fails) the calling tests when the binary is missing. */
  static Path binary() {
    return Path.of(System.getProperty(BINARY_PROPERTY, "/usr/bin/prometheus"));
  }

  static Path assumeInstalled() {
    Path binary = binary();
    if (Files.isExecutable(binary)) {
      return binary;
    }
    String message =
        "The Prometheus checks' tests need Debian's prometheus (apt-get install prometheus); not found: "
            + binary;
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail(
          message + ". CI=true, so this fails instead of skipping (.ci/run installs it).");
    }
    Assumptions.abort(
        message + ". Skipping the Prometheus tests (with CI=true they fail instead).");
    throw new IllegalStateException("unreachable");
  }

  /** Prometheus scraping {@code target} ({@code host:port}, path {@code /metrics}). */
  static PrometheusServer start(Path binary, Path directory, String target) {
    int port = LocalServer.closedPort();
    Path config = directory.resolve("prometheus.yml");
    Path log = directory.resolve("prometheus.log");
    try {
      Files.writeString(
          config,
          String.join(
              "\n",
              "global:",
              "  scrape_interval: 200ms",
              "  scrape_timeout: 200ms",
              "scrape_configs:",
              "  - job_name: target",
              "    static_configs:",
              "      - targets: ['" + target + "']",
              ""));
      Process process =
          new ProcessBuilder(
                  List.of(
                      binary.toString(),
                      "--config.file=" + config,
                      "--storage.tsdb.path=" + directory.resolve("data"),
                      "--web.listen-address=127.0.0.1:" + port,
                      "--log.level=warn"))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new PrometheusServer(process, port, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** What Prometheus logged, for a failure's message. */
  String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
