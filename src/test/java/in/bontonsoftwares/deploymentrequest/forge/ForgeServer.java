package in.bontonsoftwares.deploymentrequest.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.health.LocalServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GitHub's and GitLab's API as they answer the calls of our integration: GitHub's installation
 * tokens ({@code POST /app/installations/{id}/access_tokens}, 201 with {@code token} and {@code
 * expires_at}) and a run's deployment protection rule review (204; 401 for any other token);
 * GitLab's list of blocked deployments and the approval (201; 401 without the project token). A
 * path can be made to fail (503) a number of times; every call it got is kept.
 */
final class ForgeServer implements AutoCloseable {

  static final String INSTALLATION_TOKEN = "ghs_installation-token-for-tests-0123456789";
  static final String GITLAB_TOKEN = "glpat-gitlab-token-for-tests-0123456789";

  record Call(
      String method, String path, String query, Map<String, String> headers, JsonNode body) {
    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  final List<Call> calls = new CopyOnWriteArrayList<>();

  /** GitLab's blocked deployments per "project/environment". */
  final Map<String, List<Map<String, Object>>> blocked = new ConcurrentHashMap<>();

  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final LocalServer server =
      new LocalServer().handle("/github/", this::github).handle("/gitlab/", this::gitlab);

  String url(String path) {
    return server.url(path);
  }

  /** A deployment GitLab holds in {@code project}'s {@code environment}, as its API lists it. */
  void block(String project, String environment, long id, String sha) {
    blocked
        .computeIfAbsent(project + "/" + environment, k -> new CopyOnWriteArrayList<>())
        .add(
            Map.of(
                "id",
                id,
                "iid",
                id,
                "sha",
                sha,
                "ref",
                "main",
                "status",
                "blocked",
                "environment",
                Map.of("id", 9, "name", environment),
                "deployable",
                Map.of("id", id + 500_000, "name", "deploy", "status", "manual")));
  }

  /** GitLab no longer holds the deployment (someone else decided it, it was cancelled). */
  void unblock(long id) {
    blocked.values().forEach(held -> held.removeIf(d -> d.get("id").equals(id)));
  }

  /** The next {@code times} calls to paths ending with {@code suffix} answer 503. */
  void fail(String suffix, int times) {
    failures.put(suffix, new AtomicInteger(times));
  }

  List<Call> calls(String pathPart) {
    return calls.stream().filter(call -> call.path().contains(pathPart)).toList();
  }

  private Call take(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    Map<String, String> headers = new ConcurrentHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
    Call call =
        new Call(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery(),
            headers,
            bytes.length == 0 ? null : JSON.readTree(bytes));
    calls.add(call);
    return call;
  }

  private boolean failing(HttpExchange exchange, Call call) throws IOException {
    for (Map.Entry<String, AtomicInteger> failure : failures.entrySet()) {
      if (call.path().endsWith(failure.getKey()) && failure.getValue().getAndDecrement() > 0) {
        LocalServer.answer(exchange, 503, "application/json", "{\"message\":\"unavailable\"}");
        return true;
      }
    }
    return false;
  }

  private void github(HttpExchange exchange) throws IOException {
    Call call = take(exchange);
    if (failing(exchange, call)) {
      return;
    }
    if (call.path().matches("/github/app/installations/\\d+/access_tokens")) {
      String expires = TestClock.now().plus(Duration.ofHours(1)).toString();
      LocalServer.answer(
          exchange,
          201,
          "application/json",
          "{\"token\":\"" + INSTALLATION_TOKEN + "\",\"expires_at\":\"" + expires + "\"}");
    } else if (call.path().endsWith("/deployment_protection_rule")) {
      boolean authorized = ("Bearer " + INSTALLATION_TOKEN).equals(call.header("Authorization"));
      LocalServer.answer(exchange, authorized ? 204 : 401, "application/json", "");
    } else {
      LocalServer.answer(exchange, 404, "application/json", "{\"message\":\"Not Found\"}");
    }
  }

  private void gitlab(HttpExchange exchange) throws IOException {
    Call call = take(exchange);
    if (failing(exchange, call)) {
      return;
    }
    if (!GITLAB_TOKEN.equals(call.header("PRIVATE-TOKEN"))) {
      LocalServer.answer(exchange, 401, "application/json", "{\"message\":\"401 Unauthorized\"}");
      return;
    }
    java.util.regex.Matcher list =
        java.util.regex.Pattern.compile("/gitlab/api/v4/projects/([^/]+)/deployments")
            .matcher(call.path());
    java.util.regex.Matcher approval =
        java.util.regex.Pattern.compile(
                "/gitlab/api/v4/projects/([^/]+)/deployments/(\\d+)/approval")
            .matcher(call.path());
    if ("GET".equals(call.method()) && list.matches()) {
      String environment = call.query().replaceAll(".*environment=([^&]*).*", "$1");
      List<Map<String, Object>> deployments =
          blocked.getOrDefault(list.group(1) + "/" + environment, List.of());
      LocalServer.answer(exchange, 200, "application/json", JSON.writeValueAsString(deployments));
    } else if ("POST".equals(call.method()) && approval.matches()) {
      String id = approval.group(2);
      // an answered deployment is no longer blocked
      blocked.values().forEach(held -> held.removeIf(d -> String.valueOf(d.get("id")).equals(id)));
      LocalServer.answer(
          exchange,
          201,
          "application/json",
          "{\"status\":\"" + call.body().path("status").asText() + "\"}");
    } else if ("POST".equals(call.method()) && call.path().matches(".*/jobs/\\d+/play")) {
      LocalServer.answer(exchange, 200, "application/json", "{\"status\":\"pending\"}");
    } else {
      LocalServer.answer(exchange, 404, "application/json", "{\"message\":\"404 Not found\"}");
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
