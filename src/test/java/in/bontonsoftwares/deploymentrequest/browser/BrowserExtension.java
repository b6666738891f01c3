package in.bontonsoftwares.deploymentrequest.browser;

import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * Gives a test class its {@link Browser}: checks that Chromium is installed (skip or, with {@code CI=true}, fail),
 * starts it before the Spring context (a skipped test starts no application), quits it after the class, and keeps a
 * screenshot, the page source and the browser console of the moment a test fails.
 */
final class BrowserExtension implements TestInstancePreConstructCallback, TestExecutionExceptionHandler,
    AfterAllCallback {

  static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "browser-screenshots");

  private final ZoneId zone;
  private Browser browser;

  /** @param zone the browser's time zone; the application's, so that what people type is what the mails show */
  BrowserExtension(ZoneId zone) {
    this.zone = zone;
  }

  Browser browser() {
    return browser;
  }

  /**
   * Before each test instance, and so before the Spring context: a test that cannot have its browser is skipped (or
   * fails, in CI) with the reason, without starting the application.
   */
  @Override
  public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
    if (browser == null) {
      Chromium chromium = Chromium.installed();
      chromium.assumeInstalled();
      browser = Browser.start(chromium, zone, SCREENSHOTS);
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    if (browser != null) {
      try {
        browser.captureFailure(context.getRequiredTestMethod().getName());
      } catch (RuntimeException captureFailed) {
        failure.addSuppressed(captureFailed);
      }
    }
    throw failure;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }
}
