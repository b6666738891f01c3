package in.bontonsoftwares.deploymentrequest.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A Prometheus check, as Argo Rollouts' {@code prometheus} provider: an instant query ({@code
 * /api/v1/query}) whose one value (a scalar, or a vector of one series) must meet the success
 * condition. No data (an empty vector, {@code NaN}) and Prometheus not answering (down, a timeout,
 * a 5xx) are INCONCLUSIVE; a query Prometheus refuses or one that returns several series is ERROR,
 * since the check is wrong rather than the deployment.
 */
final class PrometheusProbe implements Probe {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI prometheus;
  private final String query;
  private final SuccessCondition condition;
  private final Duration timeout;

  PrometheusProbe(URI prometheus, String query, SuccessCondition condition, Duration timeout) {
    this.prometheus = prometheus;
    this.query = query;
    this.condition = condition;
    this.timeout = timeout;
  }

  @Override
  public String target() {
    return query;
  }

  @Override
  public Measurement measure() {
    String base = prometheus.toString().replaceAll("/+$", "");
    URI url =
        URI.create(
            base + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    Http.Answer answer;
    try {
      answer = Http.get(url, timeout, "application/json");
    } catch (Http.NoAnswer e) {
      return Measurement.of(Verdict.INCONCLUSIVE, "", "Prometheus: " + e.getMessage());
    }
    if (answer.status() >= 500 || answer.status() == 429) {
      return Measurement.of(Verdict.INCONCLUSIVE, "", "Prometheus answered " + answer.status());
    }
    JsonNode body;
    try {
      body = JSON.readTree(answer.body());
    } catch (IOException e) {
      return Measurement.of(
          Verdict.ERROR, "", "Prometheus answered " + answer.status() + " without JSON");
    }
    if (!"success".equals(body.path("status").asText())) {
      return Measurement.of(
          Verdict.ERROR,
          "",
          "Prometheus refused the query ("
              + answer.status()
              + "): "
              + body.path("error").asText(body.path("errorType").asText("no reason given")));
    }
    JsonNode data = body.path("data");
    String value;
    switch (data.path("resultType").asText()) {
      case "scalar" -> value = data.path("result").path(1).asText();
      case "vector" -> {
        JsonNode series = data.path("result");
        if (series.isEmpty()) {
          return Measurement.of(Verdict.INCONCLUSIVE, "", "no data for the query");
        }
        if (series.size() > 1) {
          return Measurement.of(
              Verdict.ERROR,
              "",
              "the query returned "
                  + series.size()
                  + " series; it must return one (aggregate it, e.g. with sum or max)");
        }
        value = series.path(0).path("value").path(1).asText();
      }
      default -> {
        return Measurement.of(
            Verdict.ERROR,
            "",
            "the query returned a "
                + data.path("resultType").asText("?")
                + "; it must return a"
                + " scalar or a vector of one series");
      }
    }
    if (value.equals("NaN") || value.isEmpty()) {
      return Measurement.of(Verdict.INCONCLUSIVE, value, "no data for the query (NaN)");
    }
    try {
      return condition.test(value)
          ? Measurement.of(Verdict.SUCCESSFUL, value, condition.toString())
          : Measurement.of(Verdict.FAILED, value, value + ", not " + condition);
    } catch (IllegalArgumentException e) {
      return Measurement.of(Verdict.INCONCLUSIVE, value, e.getMessage() + " (" + condition + ")");
    }
  }
}
