package in.bontonsoftwares.deploymentrequest.api;

import java.net.URI;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The app's own API ({@code /api/**}) answers the engine's and our exceptions as RFC 9457 problem
 * details with the same statuses as Camunda's REST API ({@link ErrorAnswer}): {@code detail} says
 * what is wrong, {@code problems} lists what to correct. Any other engine failure is a 500 whose
 * cause goes to the log, never to the caller. Other exceptions keep Spring's answer.
 */
@RestControllerAdvice
class ApiErrorAdvice {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrorAdvice.class);

  @ExceptionHandler(ProcessEngineException.class)
  ResponseEntity<ProblemDetail> answer(ProcessEngineException exception) {
    ErrorAnswer answer =
        ErrorAnswer.ofApi(exception)
            .orElseGet(
                () -> {
                  LOG.error("The engine failed a call of the app's API", exception);
                  return new ErrorAnswer(
                      500,
                      exception.getClass().getSimpleName(),
                      "The engine could not do this; the log says why.",
                      Map.of(),
                      null);
                });
    ProblemDetail problem = ProblemDetail.forStatus(answer.status());
    problem.setType(URI.create("about:blank"));
    problem.setTitle(HttpStatus.valueOf(answer.status()).getReasonPhrase());
    problem.setDetail(answer.message());
    answer.details().forEach(problem::setProperty);
    ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status());
    if (answer.retryAfterSeconds() != null) {
      response.header(HttpHeaders.RETRY_AFTER, Long.toString(answer.retryAfterSeconds()));
    }
    return response.body(problem);
  }
}
