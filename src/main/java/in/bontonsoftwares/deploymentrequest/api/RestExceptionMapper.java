package in.bontonsoftwares.deploymentrequest.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * Ahead of Camunda's mapper for {@link RestException} (a lower priority value wins); falls back to
 * Camunda's answer.
 */
@Provider
@Priority(1000)
public class RestExceptionMapper implements ExceptionMapper<RestException> {

  @Override
  public Response toResponse(RestException exception) {
    return EngineErrorAnswers.answer(exception)
        .orElseGet(() -> ExceptionHandlerHelper.getInstance().getResponse(exception));
  }
}
