package in.bontonsoftwares.deploymentrequest.request;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;

/**
 * Input that a person must correct. Thrown inside the engine's transaction, so that nothing is
 * started or completed; the REST API answers it with 400 and Tasklist shows its message.
 */
public class RequestValidationException extends ProcessEngineException {

  private final List<String> problems;

  public RequestValidationException(List<String> problems) {
    super("Please correct the following: " + String.join(" ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
