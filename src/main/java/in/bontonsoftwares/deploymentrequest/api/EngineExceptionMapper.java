package in.bontonsoftwares.deploymentrequest.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;

/**
 * Ahead of Camunda's mapper for engine exceptions that resources let through unwrapped (e.g. a
 * claim).
 */
@Provider
@Priority(1000)
public class EngineExceptionMapper implements ExceptionMapper<ProcessEngineException> {

  @Override
  public Response toResponse(ProcessEngineException exception) {
    return EngineErrorAnswers.answer(exception)
        .orElseGet(() -> ExceptionHandlerHelper.getInstance().getResponse(exception));
  }
}
