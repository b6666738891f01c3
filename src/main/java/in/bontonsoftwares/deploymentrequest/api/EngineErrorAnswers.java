package in.bontonsoftwares.deploymentrequest.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Camunda's REST resources answer engine exceptions as 500, wrapped once or twice. When the cause
 * is ours, answer what it means ({@link ErrorAnswer}), in Camunda's error format ({@code type},
 * {@code message}).
 */
final class EngineErrorAnswers {

  private EngineErrorAnswers() {}

  static Optional<Response> answer(Throwable exception) {
    return ErrorAnswer.of(exception)
        .map(
            answer -> {
              Response.ResponseBuilder response =
                  Response.status(answer.status())
                      .type(MediaType.APPLICATION_JSON_TYPE)
                      .entity(answer.camundaBody());
              if (answer.retryAfterSeconds() != null) {
                response.header("Retry-After", answer.retryAfterSeconds());
              }
              return response.build();
            });
  }
}
