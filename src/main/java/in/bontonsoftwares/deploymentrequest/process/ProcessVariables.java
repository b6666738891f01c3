package in.bontonsoftwares.deploymentrequest.process;

import java.util.Date;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Typed access to the variables of one request, so that delegates and listeners never cast {@code
 * getVariable(...)} results themselves. Values entered through forms or REST arrive as strings,
 * booleans and numbers; this class reads them leniently and writes them flat.
 */
public final class ProcessVariables {

  private final Function<String, Object> reader;
  private final BiConsumer<String, Object> writer;

  private ProcessVariables(Function<String, Object> reader, BiConsumer<String, Object> writer) {
    this.reader = reader;
    this.writer = writer;
  }

  public static ProcessVariables of(VariableScope scope) {
    return new ProcessVariables(scope::getVariable, scope::setVariable);
  }

  /** Variables held in a map, e.g. read back from the history of a finished request. */
  public static ProcessVariables of(Map<String, Object> values) {
    return new ProcessVariables(values::get, values::put);
  }

  /** The trimmed text of a variable, or {@code null} when it is absent or blank. */
  public String string(String name) {
    Object value = reader.apply(name);
    if (value == null) {
      return null;
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }

  /** The trimmed text of a variable, or an empty string. */
  public String text(String name) {
    String value = string(name);
    return value == null ? "" : value;
  }

  public boolean flag(String name) {
    Object value = reader.apply(name);
    if (value instanceof Boolean bool) {
      return bool;
    }
    return value != null && Boolean.parseBoolean(value.toString().trim());
  }

  public int number(String name, int fallback) {
    Object value = reader.apply(name);
    if (value instanceof Number number) {
      return number.intValue();
    }
    try {
      return value == null ? fallback : Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  public Date date(String name) {
    Object value = reader.apply(name);
    return value instanceof Date date ? date : null;
  }

  public boolean has(String name) {
    return reader.apply(name) != null;
  }

  public void set(String name, Object value) {
    writer.accept(name, value);
  }
}
