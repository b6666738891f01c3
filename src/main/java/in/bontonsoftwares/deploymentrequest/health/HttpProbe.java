package in.bontonsoftwares.deploymentrequest.health;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * An HTTP check, as Argo Rollouts' {@code web} provider: a GET whose status must be the expected
 * one ({@code 2xx} or an exact code) and, with a JSON path, whose value there must meet the success
 * condition. A wrong status, an answer that is not JSON, a path that is not there or a condition
 * not met is FAILED; no answer (a timeout, a refused connection) is INCONCLUSIVE.
 */
final class HttpProbe implements Probe {

  private static final Configuration JSON =
      Configuration.builder()
          .jsonProvider(new JacksonJsonProvider())
          .mappingProvider(new JacksonMappingProvider())
          .build();

  private final URI url;
  private final String expectedStatus;
  private final JsonPath jsonPath;
  private final SuccessCondition condition;
  private final Duration timeout;

  HttpProbe(
      URI url,
      String expectedStatus,
      JsonPath jsonPath,
      SuccessCondition condition,
      Duration timeout) {
    this.url = url;
    this.expectedStatus = expectedStatus;
    this.jsonPath = jsonPath;
    this.condition = condition;
    this.timeout = timeout;
  }

  @Override
  public String target() {
    return url.toString();
  }

  @Override
  public Measurement measure() {
    Http.Answer answer;
    try {
      answer = Http.get(url, timeout, "application/json, */*;q=0.5");
    } catch (Http.NoAnswer e) {
      return Measurement.of(Verdict.INCONCLUSIVE, "", e.getMessage());
    }
    String status = Integer.toString(answer.status());
    if (!statusExpected(answer.status())) {
      return Measurement.of(
          Verdict.FAILED, status, "status " + status + ", expected " + expectedStatus);
    }
    if (jsonPath == null) {
      return Measurement.of(Verdict.SUCCESSFUL, status, "status " + status);
    }
    Object value;
    try {
      value = single(jsonPath.read(answer.body(), JSON));
    } catch (PathNotFoundException | InvalidJsonException | IllegalArgumentException e) {
      return Measurement.of(
          Verdict.FAILED, status, "no " + jsonPath.getPath() + " in the answer (" + status + ")");
    }
    String shown = SuccessCondition.describe(value);
    try {
      return condition.test(value)
          ? Measurement.of(Verdict.SUCCESSFUL, shown, jsonPath.getPath() + ": " + condition)
          : Measurement.of(
              Verdict.FAILED, shown, jsonPath.getPath() + " = " + shown + ", not " + condition);
    } catch (IllegalArgumentException e) {
      return Measurement.of(
          Verdict.FAILED,
          shown,
          jsonPath.getPath() + ": " + e.getMessage() + " (" + condition + ")");
    }
  }

  /** Argo's {@code result[0]}: a filter or wildcard path that found one value is that value. */
  private static Object single(Object value) {
    return value instanceof List<?> list && list.size() == 1 ? list.get(0) : value;
  }

  private boolean statusExpected(int status) {
    return expectedStatus.endsWith("xx")
        ? status / 100 == expectedStatus.charAt(0) - '0'
        : Integer.toString(status).equals(expectedStatus);
  }
}
