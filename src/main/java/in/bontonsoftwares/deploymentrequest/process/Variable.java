package in.bontonsoftwares.deploymentrequest.process;

import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * One process variable: its name and its type, stated once where it is declared ({@link
 * DeploymentRequestProcess.Data}), so that no caller chooses the type again. Reads are lenient
 * about what forms and REST clients send: text is trimmed and blank text is absent, booleans and
 * numbers may arrive as text. camunda-bpm-data's {@code VariableFactory} reads strictly (a {@code
 * "true"} sent for a boolean fails), which is why the project has its own.
 *
 * @param <T> the Java type the variable reads as
 */
public final class Variable<T> {

  private final String name;
  private final Class<T> type;
  private final Function<Object, T> reader;

  private Variable(String name, Class<T> type, Function<Object, T> reader) {
    this.name = Objects.requireNonNull(name);
    this.type = type;
    this.reader = reader;
  }

  /** Trimmed text; absent when blank. */
  public static Variable<String> text(String name) {
    return new Variable<>(name, String.class, Variable::trimmed);
  }

  /** A checkbox: {@code true} or {@code "true"}; anything else, or absent, is {@code false}. */
  public static Variable<Boolean> flag(String name) {
    return new Variable<>(
        name,
        Boolean.class,
        value ->
            value instanceof Boolean bool
                ? bool
                : value != null && Boolean.parseBoolean(value.toString().trim()));
  }

  /** A whole number, also sent as text; the default when it is absent or does not read. */
  public static Variable<Integer> number(String name, int fallback) {
    return new Variable<>(
        name,
        Integer.class,
        value -> {
          if (value instanceof Number number) {
            return number.intValue();
          }
          try {
            return value == null ? fallback : Integer.parseInt(value.toString().trim());
          } catch (NumberFormatException e) {
            return fallback;
          }
        });
  }

  /** A point in time, stored by the engine as a date; absent otherwise. */
  public static Variable<Date> date(String name) {
    return new Variable<>(name, Date.class, value -> value instanceof Date date ? date : null);
  }

  public String name() {
    return name;
  }

  public Class<T> type() {
    return type;
  }

  /** What a raw value (as the engine, a form or the history holds it) reads as. */
  public T read(Object value) {
    return reader.apply(value);
  }

  public T from(VariableScope scope) {
    return read(scope.getVariable(name));
  }

  /** The value of an input of the current activity (its local variable), e.g. a mail type. */
  public T fromLocal(VariableScope scope) {
    return read(scope.getVariableLocal(name));
  }

  public T from(Map<String, ?> values) {
    return read(values.get(name));
  }

  @Override
  public String toString() {
    return name + " (" + type.getSimpleName() + ")";
  }

  private static String trimmed(Object value) {
    if (value == null) {
      return null;
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }
}
