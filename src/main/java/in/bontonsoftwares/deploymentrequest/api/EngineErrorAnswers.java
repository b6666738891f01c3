package in.bontonsoftwares.deploymentrequest.api;

import in.bontonsoftwares.deploymentrequest.limits.RequestLimitException;
import in.bontonsoftwares.deploymentrequest.request.RequestValidationException;
import in.bontonsoftwares.deploymentrequest.security.SeparationOfDutiesException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;

/**
 * Camunda's REST resources answer engine exceptions as 500, wrapped once or twice. When the cause
 * is ours, answer what it means: 400 with the problems for input a person must correct, 403 for a
 * step the caller may not do on their own request, 409 for a task someone else claimed or changed
 * at the same moment, 429 with {@code Retry-After} for a start over a person's limit. Camunda's
 * error format ({@code type}, {@code message}) is kept.
 */
final class EngineErrorAnswers {

  private EngineErrorAnswers() {}

  static Optional<Response> answer(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof RequestValidationException invalid) {
        Map<String, Object> body = body(invalid);
        body.put("problems", List.copyOf(invalid.problems()));
        return Optional.of(json(Response.Status.BAD_REQUEST, body));
      }
      if (cause instanceof RequestLimitException limited) {
        Map<String, Object> body = body(limited);
        body.put("limit", limited.limit().id());
        return Optional.of(
            Response.status(Response.Status.TOO_MANY_REQUESTS)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", limited.retryAfterSeconds())
                .entity(body)
                .build());
      }
      if (cause instanceof SeparationOfDutiesException refused) {
        return Optional.of(json(Response.Status.FORBIDDEN, body(refused)));
      }
      if (cause instanceof TaskAlreadyClaimedException
          || cause instanceof OptimisticLockingException) {
        // two people acting on one task at the same moment: one wins, the other is told so
        Map<String, Object> body = body((Exception) cause);
        body.put(
            "message",
            cause instanceof TaskAlreadyClaimedException
                ? cause.getMessage()
                : "Someone else changed this task at the same moment; reload it and try again.");
        return Optional.of(json(Response.Status.CONFLICT, body));
      }
    }
    return Optional.empty();
  }

  private static Map<String, Object> body(Exception exception) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", exception.getClass().getSimpleName());
    body.put("message", exception.getMessage());
    return body;
  }

  private static Response json(Response.Status status, Map<String, Object> body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
