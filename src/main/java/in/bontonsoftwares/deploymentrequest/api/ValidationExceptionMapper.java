package in.bontonsoftwares.deploymentrequest.api;

import in.bontonsoftwares.deploymentrequest.request.RequestValidationException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * Camunda's REST resources wrap every engine exception of a form submission into a 500. When the cause is input a
 * person must correct, answer 400 with the reason instead, in Camunda's error format plus the list of problems;
 * everything else is answered as Camunda would. Registered ahead of Camunda's own mapper (lower priority value wins).
 */
@Provider
@Priority(1000)
public class ValidationExceptionMapper implements ExceptionMapper<RestException> {

  @Override
  public Response toResponse(RestException exception) {
    RequestValidationException invalid = find(exception);
    if (invalid == null) {
      return ExceptionHandlerHelper.getInstance().getResponse(exception);
    }
    return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", "RequestValidationException", "message", invalid.getMessage(),
            "problems", List.copyOf(invalid.problems())))
        .build();
  }

  private static RequestValidationException find(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof RequestValidationException invalid) {
        return invalid;
      }
    }
    return null;
  }
}
