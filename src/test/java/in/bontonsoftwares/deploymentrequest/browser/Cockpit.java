package in.bontonsoftwares.deploymentrequest.browser;

import java.awt.image.BufferedImage;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;

/** Camunda Cockpit as an admin sees it: the processes and a process definition with its diagram. */
final class Cockpit {

  private final Browser browser;
  private final String baseUrl;

  Cockpit(Browser browser, String baseUrl) {
    this.browser = browser;
    this.baseUrl = baseUrl;
  }

  void loginAs(String user, String password) {
    Tasklist.login(browser, baseUrl + "/camunda/app/cockpit/", user, password);
    browser.visible(By.cssSelector(".dashboard"));
  }

  /** Opens the process from Cockpit's list of processes. */
  void openProcess(String name) {
    browser.click(By.xpath("//*[@cam-widget-header]//a[normalize-space()='Processes']"));
    browser.click(
        browser.<WebElement>until(
            "process " + name + " in the list",
            d ->
                d.findElements(By.cssSelector("a[href*='process-definition']")).stream()
                    .filter(link -> link.getText().trim().equals(name))
                    .findFirst()
                    .orElse(null)));
    browser.until(
        "the process definition page", d -> d.getCurrentUrl().contains("/process-definition/"));
  }

  /** Waits until the diagram shows the elements: rendered, not just loaded. */
  void awaitDiagramShows(String... elementIds) {
    for (String id : elementIds) {
      browser.visible(By.cssSelector(".djs-container [data-element-id='" + id + "']"));
    }
  }

  /** What the definition page shows as "Instances Running" for the current version. */
  long runningInstances() {
    return Long.parseLong(
        browser
            .visible(By.cssSelector("dd.running-instances strong.current-version"))
            .getText()
            .trim());
  }

  /** The diagram alone, drawn large enough to read its labels. */
  BufferedImage diagramImage() {
    return browser.screenshotAtScale(
        2800,
        1400,
        2,
        () -> {
          awaitDiagramShows("EndEvent_Deployed");
          @SuppressWarnings("unchecked")
          Map<String, Number> box =
              (Map<String, Number>)
                  ((JavascriptExecutor) browser.driver())
                      .executeScript(
                          "const r = arguments[0].getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height};",
                          browser.visible(By.cssSelector(".djs-container svg g.viewport")));
          int margin = 12;
          return new Rectangle(
              box.get("x").intValue() - margin,
              box.get("y").intValue() - margin,
              box.get("height").intValue() + 2 * margin,
              box.get("width").intValue() + 2 * margin);
        });
  }
}
