package in.bontonsoftwares.deploymentrequest.browser;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for a test class: explicit waits, the typing and clicking that Camunda's
 * webapps need, and a numbered screenshot of each step under {@code target/browser-screenshots/}.
 */
final class Browser implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final Dimension WINDOW = new Dimension(1400, 1000);

  /**
   * The browser's language and so its locale (form-js formats dates in it): {@value
   * #DEFAULT_LANGUAGE} unless set.
   */
  static final String LANGUAGE_PROPERTY = "browser.lang";

  static final String DEFAULT_LANGUAGE = "en-US";

  private final ChromeDriver driver;
  private final Path screenshots;
  private final AtomicInteger steps;

  private Browser(ChromeDriver driver, Path screenshots, AtomicInteger steps) {
    this.driver = driver;
    this.screenshots = screenshots;
    this.steps = steps;
  }

  /**
   * Starts Debian's Chromium through its driver, with a new, empty profile. The driver's path is
   * given before the driver is created, so that Selenium Manager never runs (it would try to
   * download a driver or a browser).
   *
   * @param zone the browser's time zone: Camunda Forms show and read date-times in it
   * @param steps the number of the last screenshot taken, shared by the browsers of a test class
   */
  static Browser start(Chromium chromium, ZoneId zone, Path screenshots, AtomicInteger steps) {
    String language = System.getProperty(LANGUAGE_PROPERTY, DEFAULT_LANGUAGE);
    System.setProperty(
        ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromium.driver().toString());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromium.driver().toFile())
            .usingAnyFreePort()
            .withEnvironment(
                Map.of("TZ", zone.getId(), "LANG", language.replace('-', '_') + ".UTF-8"))
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.binary().toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=" + WINDOW.width + "," + WINDOW.height,
        "--lang=" + language,
        "--accept-lang=" + language);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
    ChromeDriver driver = new ChromeDriver(service, options);
    // Headless Chromium on Linux takes its JavaScript locale (Intl, and so form-js's date format)
    // from neither
    // --lang nor LANG: the DevTools protocol sets it, for every page this browser opens.
    driver.executeCdpCommand("Emulation.setLocaleOverride", Map.of("locale", language));
    Object locale =
        driver.executeScript("return new Intl.DateTimeFormat().resolvedOptions().locale");
    if (!language.equals(locale)) {
      driver.quit();
      throw new IllegalStateException("The browser runs in locale " + locale + ", not " + language);
    }
    return new Browser(driver, screenshots, steps);
  }

  /** Empties the screenshot folder of an earlier run. */
  static void clearScreenshots(Path screenshots) {
    try {
      Files.createDirectories(screenshots);
      try (Stream<Path> old = Files.list(screenshots)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WebDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  <T> T until(String what, Function<WebDriver, T> condition) {
    return until(what, WAIT, condition);
  }

  <T> T until(String what, Duration timeout, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(200))
        .withMessage(what)
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** The displayed element, once there is one. */
  WebElement visible(By locator) {
    return until(
        "visible: " + locator,
        d ->
            d.findElements(locator).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElse(null));
  }

  /**
   * Clicks as a person would, once nothing (a closing dropdown, a notification) covers the element
   * any more.
   */
  void click(WebElement element) {
    scrollIntoView(element);
    until(
        "clickable: " + describe(element),
        d -> {
          try {
            element.click();
            return true;
          } catch (ElementNotInteractableException coveredOrNotYetShown) {
            return false;
          }
        });
  }

  void click(By locator) {
    click(visible(locator));
  }

  /**
   * Replaces what an input holds with the text, as typed keys, then leaves the field (forms
   * validate on blur).
   */
  void type(WebElement input, String text) {
    click(input);
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    if (!text.isEmpty()) {
      input.sendKeys(text);
    }
    blur(input);
  }

  void blur(WebElement element) {
    driver.executeScript("arguments[0].blur()", element);
  }

  void scrollIntoView(WebElement element) {
    driver.executeScript(
        "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", element);
  }

  String text(By locator) {
    return driver.findElements(locator).stream()
        .filter(WebElement::isDisplayed)
        .map(WebElement::getText)
        .collect(Collectors.joining("\n"));
  }

  /** Saves a screenshot of the next numbered step, with what matters in it scrolled into view. */
  Path shot(String name, WebElement focus) {
    scrollIntoView(focus);
    return shot(name);
  }

  Path shot(String name, By focus) {
    return shot(name, visible(focus));
  }

  /** Saves a screenshot of what is on screen as the next numbered step. */
  Path shot(String name) {
    Path file = screenshots.resolve("%02d-%s.png".formatted(steps.incrementAndGet(), name));
    write(file, driver.getScreenshotAs(OutputType.BYTES));
    return file;
  }

  /** A vertical stretch of a screenshot: from the top of one element to the bottom of another. */
  record Band(By from, By to) {}

  /**
   * A screenshot of one element, whole, or only the given bands of it, stacked with a dashed cut
   * between them. The window grows (up to {@code maxHeight}) until the element fits, then returns
   * to its size. For the README images.
   */
  BufferedImage screenshotOf(By locator, int width, int maxHeight, Band... bands) {
    try {
      long height =
          ((Number)
                  driver.executeScript(
                      "return Math.ceil(arguments[0].getBoundingClientRect().height)",
                      visible(locator)))
              .longValue();
      driver
          .manage()
          .window()
          .setSize(new Dimension(width, (int) Math.min(maxHeight, height + 400)));
      WebElement element = visible(locator);
      scrollIntoView(element);
      BufferedImage whole =
          ImageIO.read(new ByteArrayInputStream(element.getScreenshotAs(OutputType.BYTES)));
      if (bands.length == 0) {
        return whole;
      }
      List<BufferedImage> parts = new ArrayList<>();
      for (Band band : bands) {
        @SuppressWarnings("unchecked")
        Map<String, Number> box =
            (Map<String, Number>)
                driver.executeScript(
                    "const c = arguments[0]"
                        + ".getBoundingClientRect(), f = arguments[1].getBoundingClientRect(), t = arguments[2]"
                        + ".getBoundingClientRect(); return {top: f.top - c.top, bottom: t.bottom - c.top};",
                    element,
                    visible(band.from()),
                    visible(band.to()));
        int top = Math.max(0, box.get("top").intValue() - 8);
        int bottom = Math.min(whole.getHeight(), box.get("bottom").intValue() + 8);
        parts.add(whole.getSubimage(0, top, whole.getWidth(), bottom - top));
      }
      return stack(parts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(WINDOW);
    }
  }

  /**
   * What is on screen, cut to a rectangle of the page (CSS pixels), taken at a larger size and
   * scale than the window's, so that small print (a diagram's labels) reads: the page reloads to
   * lay itself out for it.
   */
  BufferedImage screenshotAtScale(int width, int height, int scale, Supplier<Rectangle> area) {
    try {
      driver.executeCdpCommand(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", width, "height", height, "deviceScaleFactor", scale, "mobile", false));
      driver.navigate().refresh();
      Rectangle cut = area.get();
      BufferedImage page =
          ImageIO.read(new ByteArrayInputStream(driver.getScreenshotAs(OutputType.BYTES)));
      int x = Math.max(0, cut.x * scale);
      int y = Math.max(0, cut.y * scale);
      return page.getSubimage(
          x,
          y,
          Math.min(cut.width * scale, page.getWidth() - x),
          Math.min(cut.height * scale, page.getHeight() - y));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
      driver.navigate().refresh();
    }
  }

  private static BufferedImage stack(List<BufferedImage> parts) {
    int gap = 28;
    int width = parts.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
    int height = parts.stream().mapToInt(BufferedImage::getHeight).sum() + gap * (parts.size() - 1);
    BufferedImage stacked = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = stacked.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    int y = 0;
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        g.setColor(Color.GRAY);
        g.setStroke(
            new BasicStroke(
                2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
        g.drawLine(0, y + gap / 2, width, y + gap / 2);
        y += gap;
      }
      g.drawImage(parts.get(i), 0, y, null);
      y += parts.get(i).getHeight();
    }
    g.dispose();
    return stacked;
  }

  /** The failing moment: screenshot, page source and the browser's console. */
  void captureFailure(String name) {
    String base = "FAILED-" + name.replaceAll("[^A-Za-z0-9._-]+", "_");
    write(screenshots.resolve(base + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    write(
        screenshots.resolve(base + ".html"),
        (driver.getCurrentUrl() + "\n" + driver.getPageSource()).getBytes(StandardCharsets.UTF_8));
    List<String> console =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .map(entry -> entry.getLevel() + " " + entry.getMessage())
            .toList();
    write(
        screenshots.resolve(base + "-console.txt"),
        String.join("\n", console).getBytes(StandardCharsets.UTF_8));
  }

  static void writePng(BufferedImage image, Path file) {
    try {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(image, "png", png);
      write(file, png.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(WebElement element) {
    try {
      return element.getTagName() + " '" + element.getText() + "'";
    } catch (RuntimeException gone) {
      return element.toString();
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
