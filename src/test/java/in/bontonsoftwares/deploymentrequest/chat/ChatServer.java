package in.bontonsoftwares.deploymentrequest.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import in.bontonsoftwares.deploymentrequest.health.LocalServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chat endpoints as they answer: Slack's {@code chat.postMessage} (a bearer token, {@code
 * ok}/{@code channel}/{@code ts} in the answer, {@code invalid_auth} for a wrong token), a Slack
 * incoming webhook, a Teams Workflows webhook (202) and a Mattermost incoming webhook ({@code ok}).
 * Each can be down (503) for a while; every call it took is kept.
 */
final class ChatServer implements AutoCloseable {

  static final String TOKEN = "xoxb-chat-test-token-0123456789";

  record Call(String path, String authorization, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  final List<Call> calls = new CopyOnWriteArrayList<>();
  final AtomicInteger refused = new AtomicInteger();
  private final Map<String, Boolean> down = new ConcurrentHashMap<>();
  private final AtomicInteger ts = new AtomicInteger(1000);
  private final LocalServer server =
      new LocalServer()
          .handle("/slack/api/chat.postMessage", this::slackApi)
          .handle("/slack/webhook", exchange -> webhook(exchange, "text/plain", "ok"))
          .handle("/teams", exchange -> webhook(exchange, "text/plain", ""))
          .handle("/mattermost", exchange -> webhook(exchange, "text/plain", "ok"));

  String url(String path) {
    return server.url(path);
  }

  void down(String path, boolean isDown) {
    down.put(path, isDown);
  }

  List<Call> calls(String path) {
    return calls.stream().filter(call -> call.path().equals(path)).toList();
  }

  private boolean refusedWhileDown(HttpExchange exchange) throws IOException {
    if (down.getOrDefault(exchange.getRequestURI().getPath(), false)) {
      exchange.getRequestBody().readAllBytes();
      refused.incrementAndGet();
      LocalServer.answer(exchange, 503, "text/plain", "down");
      return true;
    }
    return false;
  }

  private Call take(HttpExchange exchange) throws IOException {
    Call call =
        new Call(
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            JSON.readTree(exchange.getRequestBody().readAllBytes()));
    calls.add(call);
    return call;
  }

  private void slackApi(HttpExchange exchange) throws IOException {
    if (refusedWhileDown(exchange)) {
      return;
    }
    Call call = take(exchange);
    if (!("Bearer " + TOKEN).equals(call.authorization())) {
      LocalServer.answer(
          exchange, 200, "application/json", "{\"ok\":false,\"error\":\"invalid_auth\"}");
      return;
    }
    String channel = call.body().path("channel").asText();
    String id = channel.startsWith("#") ? "C" + Integer.toHexString(channel.hashCode()) : channel;
    LocalServer.answer(
        exchange,
        200,
        "application/json",
        "{\"ok\":true,\"channel\":\"" + id + "\",\"ts\":\"" + ts.incrementAndGet() + ".000100\"}");
  }

  private void webhook(HttpExchange exchange, String type, String answer) throws IOException {
    if (refusedWhileDown(exchange)) {
      return;
    }
    take(exchange);
    LocalServer.answer(exchange, answer.isEmpty() ? 202 : 200, type, answer);
  }

  @Override
  public void close() {
    server.close();
  }
}
