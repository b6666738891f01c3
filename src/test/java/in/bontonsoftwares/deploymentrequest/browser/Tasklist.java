package in.bontonsoftwares.deploymentrequest.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * Camunda Tasklist as its users see it: login, filters, task list, the start dialog and a task's
 * form.
 */
final class Tasklist {

  static final By START_DIALOG = By.cssSelector(".modal-dialog");
  static final By START_DIALOG_CONTENT = By.cssSelector(".modal-dialog .modal-content");
  static final By START_DIALOG_FOOTER = By.cssSelector(".modal-dialog .modal-footer");
  static final By TASK = By.cssSelector(".task-details");
  static final By TASK_CARD = By.cssSelector(".task-details section.task-card");
  static final By TASK_FORM_ACTIONS = By.cssSelector(".task-details .form-actions");
  static final By START_DIALOG_ERROR = By.cssSelector(".modal-dialog .notifications .alert");
  static final By START_DIALOG_FOOTER_ERROR =
      By.cssSelector(".modal-dialog .modal-footer .drp-footer-error");
  private static final By NOTIFICATIONS = By.cssSelector(".page-notifications .alert");
  private static final By ERRORS = By.cssSelector(".page-notifications .alert-danger");

  /**
   * A list that has not caught up with the engine is refreshed by choosing its filter again after
   * this long.
   */
  private static final Duration REFRESH_AFTER = Duration.ofSeconds(3);

  private final Browser browser;
  private final String baseUrl;

  Tasklist(Browser browser, String baseUrl) {
    this.browser = browser;
    this.baseUrl = baseUrl;
  }

  /**
   * Signs in on the login page that Camunda's webapps share, opened at the app's URL (Tasklist,
   * Cockpit).
   */
  static void login(Browser browser, String url, String user, String password) {
    browser.open(url);
    WebElement name =
        browser.visible(By.cssSelector("form[name='signinForm'] input[ng-model='username']"));
    WebElement secret =
        browser.visible(By.cssSelector("form[name='signinForm'] input[type='password']"));
    // the page may focus its first field while it still starts up, taking the keys meant for the
    // second: type
    // again until each field holds what was meant for it
    browser.until(
        "the sign-in form holds the user and the password",
        d -> {
          browser.type(name, user);
          browser.type(secret, password);
          return user.equals(name.getAttribute("value"))
              && password.equals(secret.getAttribute("value"));
        });
    browser.click(By.cssSelector("form[name='signinForm'] button[type='submit']"));
    browser.visible(By.cssSelector("[cam-widget-header] li.account"));
  }

  /** Signs out through the account menu. */
  static void logout(Browser browser) {
    browser.click(By.cssSelector("[cam-widget-header] li.account > a.dropdown-toggle"));
    browser.click(By.cssSelector("[cam-widget-header] li.account li.logout a"));
    browser.visible(By.cssSelector("form[name='signinForm'] input[ng-model='username']"));
  }

  Tasklist loginAs(String user, String password) {
    login(browser, baseUrl + "/camunda/app/tasklist/", user, password);
    browser.visible(By.cssSelector(".task-filters .task-filter"));
    return this;
  }

  void logout() {
    logout(browser);
  }

  /** Opens "Start process", picks the process and waits for its start form. */
  CamundaForm startProcess(String processName, String firstField) {
    browser.click(By.cssSelector("li.start-process-action a"));
    browser.click(
        browser.<WebElement>until(
            "process " + processName + " in the start dialog",
            d ->
                d.findElements(By.cssSelector(".modal-dialog ul.processes a")).stream()
                    .filter(link -> link.getText().trim().equals(processName))
                    .findFirst()
                    .orElse(null)));
    return new CamundaForm(browser, START_DIALOG).awaitField(firstField);
  }

  WebElement startButton() {
    return browser.visible(By.cssSelector(".modal-dialog .modal-footer button.btn-primary"));
  }

  void clickStart() {
    browser.click(startButton());
  }

  /** The error the start dialog shows, once it shows one. */
  String awaitStartDialogError() {
    return browser.until(
        "an error in the start dialog",
        d ->
            Optional.of(browser.text(START_DIALOG_ERROR))
                .filter(text -> !text.isBlank())
                .orElse(null));
  }

  /** Whether the whole element is inside the browser's window now, without scrolling. */
  boolean inSight(WebElement element) {
    return Boolean.TRUE.equals(
        ((JavascriptExecutor) browser.driver())
            .executeScript(
                "const r = arguments[0].getBoundingClientRect();"
                    + " return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;",
                element));
  }

  void dismissStartDialogError() {
    browser.click(By.cssSelector(".modal-dialog .notifications .alert .close"));
    browser.until(
        "the start dialog's error dismissed",
        d ->
            browser.text(START_DIALOG_ERROR).isBlank()
                && d.findElements(START_DIALOG_FOOTER_ERROR).isEmpty());
  }

  void awaitStartDialogClosed() {
    browser.until("the start dialog closes", d -> d.findElements(START_DIALOG).isEmpty());
  }

  void openFilter(String filter) {
    WebElement link =
        browser.until(
            "filter " + filter,
            d ->
                d.findElements(By.cssSelector(".task-filters .task-filter h4.name a")).stream()
                    .filter(a -> a.getText().trim().startsWith(filter))
                    .findFirst()
                    .orElse(null));
    browser.click(link);
    browser.until(
        "filter " + filter + " chosen",
        d ->
            link.findElement(By.xpath("ancestor::div[contains(@class," + "'task-filter')]"))
                .getAttribute("class")
                .contains("active"));
  }

  /**
   * Waits until the filter lists the task of the request (the list shows the request number),
   * choosing the filter again now and then as a person would when a list has not caught up yet.
   */
  WebElement awaitTask(String filter, String taskName, String requestNumber) {
    openFilter(filter);
    Instant[] chosen = {Instant.now()};
    return browser.until(
        taskName + " of " + requestNumber + " in " + filter,
        Duration.ofSeconds(30),
        d -> {
          Optional<WebElement> task =
              d.findElements(By.cssSelector(".tasks-list li.task")).stream()
                  .filter(
                      item ->
                          item.findElement(By.cssSelector("h4.task"))
                                  .getText()
                                  .trim()
                                  .equals(taskName)
                              && item.getText().contains(requestNumber))
                  .findFirst();
          if (task.isEmpty() && Instant.now().isAfter(chosen[0].plus(REFRESH_AFTER))) {
            openFilter(filter);
            chosen[0] = Instant.now();
          }
          return task.orElse(null);
        });
  }

  /** Opens a task from a filter's list and waits for its form; answers the task id. */
  String openTask(String filter, String taskName, String requestNumber) {
    // the list may render again (a task came or went) between finding the task and its link
    WebElement link = null;
    String taskId = null;
    for (int attempt = 1; taskId == null; attempt++) {
      try {
        link = awaitTask(filter, taskName, requestNumber).findElement(By.cssSelector("h4.task a"));
        taskId = link.getAttribute("href").replaceAll(".*[?&]task=([^&]+).*", "$1");
      } catch (StaleElementReferenceException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
    browser.click(link);
    String opened = taskId;
    browser.until(
        taskName + " open",
        d ->
            d.getCurrentUrl().contains("task=" + opened)
                && browser.text(By.cssSelector(".task-details h2.task")).trim().equals(taskName));
    browser.visible(By.cssSelector(".task-details .fjs-container .fjs-form"));
    return taskId;
  }

  CamundaForm form() {
    return new CamundaForm(browser, TASK);
  }

  void claim(String fullName) {
    browser.click(By.cssSelector(".task-details button.claim"));
    browser.until(
        "claimed by " + fullName,
        d -> browser.text(By.cssSelector(".task-details li.assignee")).contains(fullName));
    browser.until("Complete enabled", d -> completeButton().isEnabled());
  }

  /** Clicks Claim and answers the error Tasklist shows instead of claiming. */
  String claimRefused() {
    browser.click(By.cssSelector(".task-details button.claim"));
    return browser.until(
        "an error",
        d -> Optional.of(browser.text(ERRORS)).filter(text -> !text.isBlank()).orElse(null));
  }

  WebElement completeButton() {
    return browser.visible(By.cssSelector(".task-details .form-actions button.btn-primary"));
  }

  /**
   * Completes the open task and waits until Tasklist has closed it; fails with Tasklist's error
   * otherwise.
   */
  void complete(String taskId) {
    dismissNotifications();
    WebElement complete = completeButton();
    assertThat(complete.getText().trim()).isEqualTo("Complete");
    browser.click(complete);
    browser.until(
        "task " + taskId + " completed, or an error",
        d -> !d.getCurrentUrl().contains(taskId) || !browser.text(ERRORS).isBlank());
    assertThat(browser.text(ERRORS)).as("Tasklist's errors after Complete").isBlank();
  }

  /** Clicks Complete on a form that is not complete and answers the error Tasklist shows. */
  String completeRefused() {
    dismissNotifications();
    browser.click(completeButton());
    return browser.until(
        "an error",
        d -> Optional.of(browser.text(ERRORS)).filter(text -> !text.isBlank()).orElse(null));
  }

  void dismissNotifications() {
    for (WebElement close :
        browser.driver().findElements(By.cssSelector(".page-notifications .alert .close"))) {
      if (close.isDisplayed()) {
        browser.click(close);
      }
    }
    browser.until("notifications dismissed", d -> browser.text(NOTIFICATIONS).isBlank());
  }
}
