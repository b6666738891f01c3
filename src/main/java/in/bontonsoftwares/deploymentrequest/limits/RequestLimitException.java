package in.bontonsoftwares.deploymentrequest.limits;

import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A start refused because the person is over a limit. Thrown inside the start's transaction, so
 * that nothing is started and no mail goes out; the REST API and the webapps' API answer it with
 * 429 and {@code Retry-After}, and Tasklist shows its message in the start dialog.
 */
public class RequestLimitException extends ProcessEngineException {

  private final transient Limit limit;
  private final Duration retryAfter;

  RequestLimitException(Limit limit, String message, Duration retryAfter) {
    super(message);
    this.limit = limit;
    this.retryAfter = retryAfter;
  }

  public Limit limit() {
    return limit;
  }

  /** Whole seconds, at least one, for the {@code Retry-After} header. */
  public long retryAfterSeconds() {
    return Waits.seconds(retryAfter);
  }
}
