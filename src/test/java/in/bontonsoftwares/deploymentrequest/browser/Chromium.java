package in.bontonsoftwares.deploymentrequest.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium} and {@code chromium-driver}, the only browser the tests use: no tool
 * may download a browser or a driver of its own. Without them the browser tests skip, except in CI
 * ({@code CI=true}), where {@code .ci/run} installs them and a missing browser is a broken build.
 *
 * @param binary the browser, {@code /usr/bin/chromium} unless the system property {@value
 *     #BINARY_PROPERTY} says otherwise
 * @param driver its driver, {@code /usr/bin/chromedriver} unless {@value #DRIVER_PROPERTY} says
 *     otherwise
 */
record Chromium(Path binary, Path driver) {

  static final String BINARY_PROPERTY = "browser.chromium";
  static final String DRIVER_PROPERTY = "browser.chromedriver";

  static Chromium installed() {
    return new Chromium(
        Path.of(System.getProperty(BINARY_PROPERTY, "/usr/bin/chromium")),
        Path.of(System.getProperty(DRIVER_PROPERTY, "/usr/bin/chromedriver")));
  }

  /**
   * Skips the calling tests when the browser or its driver is missing; fails them instead under
   * {@code CI=true}.
   */
  void assumeInstalled() {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(binary)) {
      missing.add(binary.toString());
    }
    if (!Files.isExecutable(driver)) {
      missing.add(driver.toString());
    }
    if (missing.isEmpty()) {
      return;
    }
    String message =
        "The browser tests need Debian's chromium and chromium-driver "
            + "(apt-get install chromium chromium-driver); not found: "
            + String.join(", ", missing);
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail(
          message + ". CI=true, so this fails instead of skipping (.ci/run installs both).");
    }
    Assumptions.abort(message + ". Skipping the browser tests (with CI=true they fail instead).");
  }
}
