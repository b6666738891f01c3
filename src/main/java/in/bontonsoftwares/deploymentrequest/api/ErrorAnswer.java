package in.bontonsoftwares.deploymentrequest.api;

import in.bontonsoftwares.deploymentrequest.limits.RequestLimitException;
import in.bontonsoftwares.deploymentrequest.request.RequestValidationException;
import in.bontonsoftwares.deploymentrequest.security.SeparationOfDutiesException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;

/**
 * What an exception of ours means to the caller, whichever door it came through (Camunda's REST API
 * or the app's own): 400 with the problems for input a person must correct, 403 for a step the
 * caller may not do, 409 for a task someone else claimed or changed at the same moment, 429 with
 * {@code Retry-After} for a start over a person's limit. Engine exceptions often wrap ours once or
 * twice, so the causes are searched.
 *
 * @param details {@code problems} (the list of what to correct) or {@code limit} (the limit's id)
 */
record ErrorAnswer(
    int status, String type, String message, Map<String, Object> details, Long retryAfterSeconds) {

  static Optional<ErrorAnswer> of(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof RequestValidationException invalid) {
        return Optional.of(
            answer(400, invalid, Map.of("problems", List.copyOf(invalid.problems())), null));
      }
      if (cause instanceof RequestLimitException limited) {
        return Optional.of(
            answer(
                429,
                limited,
                Map.of("limit", limited.limit().id()),
                (long) limited.retryAfterSeconds()));
      }
      if (cause instanceof SeparationOfDutiesException refused) {
        return Optional.of(answer(403, refused, Map.of(), null));
      }
      if (cause instanceof TaskAlreadyClaimedException claimed) {
        return Optional.of(answer(409, claimed, Map.of(), null));
      }
      if (cause instanceof OptimisticLockingException conflict) {
        // two people acting on one task at the same moment: one wins, the other is told so
        return Optional.of(
            new ErrorAnswer(
                409,
                conflict.getClass().getSimpleName(),
                "Someone else changed this task at the same moment; reload it and try again.",
                Map.of(),
                null));
      }
    }
    return Optional.empty();
  }

  /** The same answer for the app's own API, where engine authorization refusals are ours too. */
  static Optional<ErrorAnswer> ofApi(Throwable exception) {
    Optional<ErrorAnswer> answer = of(exception);
    if (answer.isPresent()) {
      return answer;
    }
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException refused) {
        return Optional.of(answer(403, refused, Map.of(), null));
      }
    }
    return Optional.empty();
  }

  /** Camunda's error format: {@code type}, {@code message} and the details. */
  Map<String, Object> camundaBody() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    body.putAll(details);
    return body;
  }

  private static ErrorAnswer answer(
      int status, Exception exception, Map<String, Object> details, Long retryAfterSeconds) {
    return new ErrorAnswer(
        status,
        exception.getClass().getSimpleName(),
        exception.getMessage(),
        details,
        retryAfterSeconds);
  }
}
