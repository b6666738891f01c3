package in.bontonsoftwares.deploymentrequest.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;

/**
 * Some of Camunda's REST resources read a request's body or parts without checking that they are
 * there (an attachment without its multipart form, a migration without its plan) and fail with a
 * {@link NullPointerException}, which Camunda answers as 500. Thrown by the REST layer itself, it
 * means the caller sent too little: 400, with a reason.
 */
@Provider
@Priority(1000)
public class MalformedRequestMapper implements ExceptionMapper<NullPointerException> {

  private static final String CAMUNDA_REST = "org.camunda.bpm.engine.rest.";

  @Override
  public Response toResponse(NullPointerException exception) {
    StackTraceElement[] trace = exception.getStackTrace();
    if (trace.length > 0 && trace[0].getClassName().startsWith(CAMUNDA_REST)) {
      return Response.status(Response.Status.BAD_REQUEST)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(
              Map.of(
                  "type",
                  "InvalidRequestException",
                  "message",
                  "The request lacks a part this endpoint "
                      + "needs (its body, a field of it or a part of a multipart form); see Camunda's REST API reference."))
          .build();
    }
    return ExceptionHandlerHelper.getInstance().getResponse(exception);
  }
}
