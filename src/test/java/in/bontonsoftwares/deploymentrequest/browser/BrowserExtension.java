package in.bontonsoftwares.deploymentrequest.browser;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * Gives each test a {@link Browser} of its own: checks that Chromium is installed (skip or, with
 * {@code CI=true}, fail) before the Spring context starts (a skipped test starts no application),
 * starts a fresh Chromium (a new profile: signed out, no cookies, no storage, no dialog) before
 * each test and quits it after, whatever the test did, and keeps a screenshot, the page source and
 * the browser console of the moment a test fails.
 */
final class BrowserExtension
    implements TestInstancePreConstructCallback,
        BeforeEachCallback,
        AfterEachCallback,
        TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

  static final Path SCREENSHOTS =
      Path.of(System.getProperty("basedir", "."), "target", "browser-screenshots");

  private final ZoneId zone;

  /** Screenshots are numbered across the tests of a class, in the order they were taken. */
  private final AtomicInteger steps = new AtomicInteger();

  private Chromium chromium;
  private Browser browser;

  /**
   * @param zone the browser's time zone; the application's, so that what people type is what the
   *     mails show
   */
  BrowserExtension(ZoneId zone) {
    this.zone = zone;
  }

  Browser browser() {
    return browser;
  }

  /**
   * Before each test instance, and so before the Spring context: a test that cannot have its
   * browser is skipped (or fails, in CI) with the reason, without starting the application.
   */
  @Override
  public void preConstructTestInstance(
      TestInstanceFactoryContext factoryContext, ExtensionContext context) {
    if (chromium == null) {
      Chromium installed = Chromium.installed();
      installed.assumeInstalled();
      Browser.clearScreenshots(SCREENSHOTS);
      chromium = installed;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    browser = Browser.start(chromium, zone, SCREENSHOTS, steps);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    capture(context, failure);
    throw failure;
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    capture(context, failure);
    throw failure;
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    capture(context, failure);
    throw failure;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  private void capture(ExtensionContext context, Throwable failure) {
    if (browser != null) {
      try {
        browser.captureFailure(context.getRequiredTestMethod().getName());
      } catch (RuntimeException captureFailed) {
        failure.addSuppressed(captureFailed);
      }
    }
  }
}
