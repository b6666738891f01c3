package in.bontonsoftwares.deploymentrequest.health;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A check's success condition, a deliberately small language rather than an expression engine (Argo
 * Rollouts evaluates {@code expr} expressions; SpEL or JUEL here would run whatever the
 * configuration says): {@code result}, or Argo's {@code result[0]}, compared with one literal.
 * Numbers with {@code <, <=, >, >=, ==, !=}; {@code true}, {@code false} and quoted text ({@code
 * 'UP'}, {@code "UP"}) with {@code ==} and {@code !=}. Anything else is refused when the
 * configuration is read.
 */
final class SuccessCondition {

  private static final Pattern SHAPE =
      Pattern.compile("\\s*result(?:\\[0])?\\s*(<=|>=|==|!=|<|>)\\s*(\\S.*?)\\s*");
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern QUOTED = Pattern.compile("'([^'\\\\]*)'|\"([^\"\\\\]*)\"");

  private final String text;
  private final String operator;
  private final BigDecimal number;
  private final Object literal;

  private SuccessCondition(String text, String operator, BigDecimal number, Object literal) {
    this.text = text;
    this.operator = operator;
    this.number = number;
    this.literal = literal;
  }

  /**
   * The condition; an {@link IllegalArgumentException} saying what is accepted when {@code text} is
   * anything else.
   */
  static SuccessCondition parse(String text) {
    Matcher shape = SHAPE.matcher(text == null ? "" : text);
    if (!shape.matches()) {
      throw refused(text);
    }
    String operator = shape.group(1);
    String operand = shape.group(2);
    if (NUMBER.matcher(operand).matches()) {
      return new SuccessCondition(text.strip(), operator, new BigDecimal(operand), null);
    }
    boolean equality = operator.equals("==") || operator.equals("!=");
    if (equality && (operand.equals("true") || operand.equals("false"))) {
      return new SuccessCondition(text.strip(), operator, null, Boolean.valueOf(operand));
    }
    Matcher quoted = QUOTED.matcher(operand);
    if (equality && quoted.matches()) {
      String value = quoted.group(1) != null ? quoted.group(1) : quoted.group(2);
      return new SuccessCondition(text.strip(), operator, null, value);
    }
    throw refused(text);
  }

  private static IllegalArgumentException refused(String text) {
    return new IllegalArgumentException(
        "success condition '"
            + text
            + "' is not supported: write result <op> <number> with <op> one of <, <=, >, >=, =="
            + " or != (e.g. result < 0.01), or result == / != true, false or 'text'");
  }

  /**
   * Whether {@code value} (a number, a boolean, a text, or a text that reads as a number) meets the
   * condition; an {@link IllegalArgumentException} when it cannot be compared (a text where a
   * number is expected).
   */
  boolean test(Object value) {
    if (number != null) {
      BigDecimal actual = numberOf(value);
      int comparison = actual.compareTo(number);
      return switch (operator) {
        case "<" -> comparison < 0;
        case "<=" -> comparison <= 0;
        case ">" -> comparison > 0;
        case ">=" -> comparison >= 0;
        case "==" -> comparison == 0;
        default -> comparison != 0;
      };
    }
    Object actual =
        literal instanceof Boolean && value instanceof String text ? parseFlag(text) : value;
    boolean equal =
        literal instanceof Boolean
            ? Objects.equals(literal, actual)
            : Objects.equals(literal, actual == null ? null : String.valueOf(actual));
    return operator.equals("==") == equal;
  }

  private static Object parseFlag(String text) {
    return text.equals("true") ? Boolean.TRUE : text.equals("false") ? Boolean.FALSE : text;
  }

  private static BigDecimal numberOf(Object value) {
    if (value instanceof Number || value instanceof String) {
      String text = String.valueOf(value).strip();
      if (NUMBER.matcher(text).matches()) {
        return new BigDecimal(text);
      }
    }
    throw new IllegalArgumentException(describe(value) + " is not a number");
  }

  static String describe(Object value) {
    return value instanceof String ? "'" + value + "'" : String.valueOf(value);
  }

  @Override
  public String toString() {
    return text;
  }
}
