package in.bontonsoftwares.deploymentrequest.browser;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.pagefactory.ByChained;

/**
 * A Camunda Form (form-js) as Tasklist renders it, in the start dialog or a task. Fields are found by their key,
 * which form-js puts at the end of the element id ({@code fjs-form-x1y2-Field_projectName}).
 */
final class CamundaForm {

  /** What form-js shows and reads for an en-US browser. */
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private final Browser browser;
  private final By root;

  CamundaForm(Browser browser, By root) {
    this.browser = browser;
    this.root = root;
  }

  /** Waits until the form shows the field. */
  CamundaForm awaitField(String key) {
    browser.visible(fieldLocator(key, ""));
    return this;
  }

  CamundaForm text(String key, String value) {
    browser.type(field(key, ""), value);
    return this;
  }

  CamundaForm check(String key) {
    WebElement box = field(key, "");
    if (!box.isSelected()) {
      browser.click(box);
    }
    browser.until(key + " checked", d -> field(key, "").isSelected());
    return this;
  }

  /** Picks an option of a select by its label. */
  CamundaForm select(String key, String label) {
    WebElement display = field(key, "-display");
    browser.click(display);
    WebElement fieldRoot = display.findElement(By.xpath("ancestor::div[contains(@class,'fjs-form-field-select')]"));
    WebElement option = browser.until("option " + label + " of " + key, d -> fieldRoot
        .findElements(By.cssSelector(".fjs-dropdownlist-item")).stream()
        .filter(item -> item.getText().trim().equals(label)).findFirst().orElse(null));
    browser.click(option);
    browser.until(key + " shows " + label, d -> field(key, "-display").getText().trim().equals(label));
    return this;
  }

  /** Picks a radio option by its label. */
  CamundaForm radio(String key, String label) {
    WebElement option = browser.visible(new ByChained(root, By.xpath(".//div[contains(@class,'fjs-form-field-radio')]"
        + "[.//input[contains(@id,'-Field_" + key + "-')]]//label[normalize-space(.)='" + label + "']")));
    browser.click(option);
    browser.until(key + " is " + label, d -> option.findElement(By.tagName("input")).isSelected());
    return this;
  }

  /** Types a date and a time into a datetime field, as a person would (the date picker takes Enter). */
  CamundaForm dateTime(String key, ZonedDateTime value) {
    WebElement date = field(key, "-date");
    browser.click(date);
    date.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    date.sendKeys(DATE.format(value), Keys.ENTER);
    WebElement time = field(key, "-time");
    browser.type(time, TIME.format(value));
    browser.until(key + " shows " + value, d -> dateTime(key).equals(DATE.format(value) + " " + TIME.format(value)));
    return this;
  }

  String value(String key) {
    return field(key, "").getAttribute("value");
  }

  /** What a datetime field shows: {@code MM/dd/yyyy HH:mm}. */
  String dateTime(String key) {
    return field(key, "-date").getAttribute("value") + " " + field(key, "-time").getAttribute("value");
  }

  /** A field with its label, description and error. */
  By block(String key) {
    return new ByChained(root, By.cssSelector("div.fjs-form-field:has(> label[for$='-Field_" + key + "'])"));
  }

  /** A group of fields by its id in the form file ({@code Group_Review}). */
  By group(String groupId) {
    return new ByChained(root, By.cssSelector("div.fjs-form-field-group:has(> label[id$='-" + groupId + "'])"));
  }

  /** The validation message form-js shows under a field, empty when there is none. */
  String error(String key) {
    return browser.text(fieldLocator(key, "-error-message"));
  }

  /** Every validation message shown in the form. */
  List<String> errors() {
    return browser.driver().findElement(root).findElements(By.cssSelector(".fjs-form-field-error")).stream()
        .filter(WebElement::isDisplayed).map(WebElement::getText).toList();
  }

  /** The input of a field (of a datetime field: its date). */
  WebElement field(String key) {
    return browser.visible(new ByChained(root, By.cssSelector("[id$='-Field_" + key + "'], [id$='-Field_" + key
        + "-date']")));
  }

  private WebElement field(String key, String suffix) {
    return browser.visible(fieldLocator(key, suffix));
  }

  private By fieldLocator(String key, String suffix) {
    return new ByChained(root, By.cssSelector("[id$='-Field_" + key + suffix + "']"));
  }
}
