package in.bontonsoftwares.deploymentrequest.process;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables of one request, read and written through their declarations ({@link
 * DeploymentRequestProcess.Data}), so that delegates and listeners never cast {@code
 * getVariable(...)} results or choose a type themselves.
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

  /** The value as its declaration reads it (absent text is {@code null}, absent flags false). */
  public <T> T get(Variable<T> variable) {
    return variable.read(reader.apply(variable.name()));
  }

  /** The trimmed text of a variable, or an empty string when it is absent. */
  public String text(Variable<String> variable) {
    String value = get(variable);
    return value == null ? "" : value;
  }

  /** Whether the variable holds a value at all (also {@code false}, blank text or {@code 0}). */
  public boolean has(Variable<?> variable) {
    return reader.apply(variable.name()) != null;
  }

  public <T> void set(Variable<T> variable, T value) {
    writer.accept(variable.name(), value);
  }
}
