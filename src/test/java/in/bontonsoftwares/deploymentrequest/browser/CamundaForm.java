package in.bontonsoftwares.deploymentrequest.browser;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.pagefactory.ByChained;

/**
 * A Camunda Form (form-js) as Tasklist renders it, in the start dialog or a task. Fields are found
 * by their key, which form-js puts at the end of the element id ({@code
 * fjs-form-x1y2-Field_projectName}).
 */
final class CamundaForm {

  /** The time half of a datetime field: our forms use the 24-hour clock ({@code use24h}). */
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

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
    WebElement fieldRoot =
        display.findElement(By.xpath("ancestor::div[contains(@class,'fjs-form-field-select')]"));
    WebElement option =
        browser.until(
            "option " + label + " of " + key,
            d ->
                fieldRoot.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream()
                    .filter(item -> item.getText().trim().equals(label))
                    .findFirst()
                    .orElse(null));
    browser.click(option);
    browser.until(
        key + " shows " + label, d -> field(key, "-display").getText().trim().equals(label));
    return this;
  }

  /** Picks a radio option by its label. */
  CamundaForm radio(String key, String label) {
    WebElement option =
        browser.visible(
            new ByChained(
                root,
                By.xpath(
                    ".//div[contains(@class,'fjs-form-field-radio')]"
                        + "[.//input[contains(@id,'-Field_"
                        + key
                        + "-')]]//label[normalize-space(.)='"
                        + label
                        + "']")));
    browser.click(option);
    browser.until(key + " is " + label, d -> option.findElement(By.tagName("input")).isSelected());
    return this;
  }

  /**
   * Types a date and a time into a datetime field, as a person would: the date in the format the
   * field asks for (its placeholder follows the browser's locale, {@code mm/dd/yyyy} in en-US,
   * {@code dd.mm.yyyy} in de-DE), Enter for the date picker, then the time. Done when the field
   * holds that date-time, however form-js then displays it.
   */
  CamundaForm dateTime(String key, ZonedDateTime value) {
    WebElement date = field(key, "-date");
    browser.click(date);
    date.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    date.sendKeys(dateFormat(date, true).format(value), Keys.ENTER);
    // the date picker takes the typed date when the date input loses focus: let it do so before
    // the time is typed, or its late update can bring back the field's old time
    browser.blur(date);
    WebElement time = field(key, "-time");
    browser.type(time, TIME.format(value));
    LocalDateTime expected = value.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
    browser.until(key + " holds " + expected, d -> expected.equals(dateTime(key)));
    return this;
  }

  String value(String key) {
    return field(key, "").getAttribute("value");
  }

  /**
   * The date-time a datetime field holds, read in the format it displays ({@code 12/1/2026} and
   * {@code 12/01/2026} alike); {@code null} while it holds none.
   */
  LocalDateTime dateTime(String key) {
    WebElement date = field(key, "-date");
    try {
      return LocalDateTime.of(
          LocalDate.parse(date.getAttribute("value"), dateFormat(date, false)),
          LocalTime.parse(field(key, "-time").getAttribute("value"), TIME));
    } catch (DateTimeParseException incompleteOrEmpty) {
      return null;
    }
  }

  /**
   * The date format of a date input, from its placeholder ({@code mm/dd/yyyy}): zero-padded for
   * typing, or accepting one or two digits for reading what form-js wrote back.
   */
  private static DateTimeFormatter dateFormat(WebElement dateInput, boolean padded) {
    String placeholder = dateInput.getAttribute("placeholder");
    if (placeholder == null || !placeholder.contains("yy")) {
      throw new IllegalStateException(
          "The date field shows no date format: placeholder '" + placeholder + "'");
    }
    String pattern =
        placeholder
            .replace("yyyy", "uuuu")
            .replace("yy", "uu")
            .replace("mm", padded ? "MM" : "M")
            .replace("dd", padded ? "dd" : "d");
    return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
  }

  /** A field with its label, description and error. */
  By block(String key) {
    return new ByChained(
        root, By.cssSelector("div.fjs-form-field:has(> label[for$='-Field_" + key + "'])"));
  }

  /** A group of fields by its id in the form file ({@code Group_Review}). */
  By group(String groupId) {
    return new ByChained(
        root, By.cssSelector("div.fjs-form-field-group:has(> label[id$='-" + groupId + "'])"));
  }

  /** The validation message form-js shows under a field, empty when there is none. */
  String error(String key) {
    return browser.text(fieldLocator(key, "-error-message"));
  }

  /** Every validation message shown in the form. */
  List<String> errors() {
    return browser
        .driver()
        .findElement(root)
        .findElements(By.cssSelector(".fjs-form-field-error"))
        .stream()
        .filter(WebElement::isDisplayed)
        .map(WebElement::getText)
        .toList();
  }

  /** The input of a field (of a datetime field: its date). */
  WebElement field(String key) {
    return browser.visible(
        new ByChained(
            root, By.cssSelector("[id$='-Field_" + key + "'], [id$='-Field_" + key + "-date']")));
  }

  private WebElement field(String key, String suffix) {
    return browser.visible(fieldLocator(key, suffix));
  }

  private By fieldLocator(String key, String suffix) {
    return new ByChained(root, By.cssSelector("[id$='-Field_" + key + suffix + "']"));
  }
}
