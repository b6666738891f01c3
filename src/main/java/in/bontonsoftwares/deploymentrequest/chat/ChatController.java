package in.bontonsoftwares.deploymentrequest.chat;

import in.bontonsoftwares.deploymentrequest.chat.ChatOutbox.Row;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The chat messages for admins ({@code camunda-admin}): {@code GET /api/chat/messages[?state=FAILED
 * &request=DR-...]}, the latest first, and {@code POST /api/chat/messages/{id}/retry}, which sends
 * a FAILED message again (its attempts counted afresh). No payload nor secret is shown.
 */
@RestController
@RequestMapping("/api/chat/messages")
class ChatController {

  private final ChatOutbox outbox;
  private final ChatDelivery delivery;

  ChatController(ChatOutbox outbox, ChatDelivery delivery) {
    this.outbox = outbox;
    this.delivery = delivery;
  }

  record Message(
      long id,
      String key,
      String requestNumber,
      String event,
      String destination,
      String state,
      int attempts,
      String lastError,
      Instant createdAt,
      Instant nextAttemptAt,
      Instant sentAt) {
    static Message of(Row row) {
      return new Message(
          row.id(),
          row.key(),
          row.requestNumber(),
          row.event(),
          row.destination(),
          row.state(),
          row.attempts(),
          row.lastError(),
          row.createdAt(),
          row.nextAttemptAt(),
          row.sentAt());
    }
  }

  @GetMapping
  List<Message> list(
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String request,
      @RequestParam(defaultValue = "100") int maxResults) {
    return outbox.find(state, request, Math.max(1, Math.min(maxResults, 1000))).stream()
        .map(Message::of)
        .toList();
  }

  @PostMapping("/{id}/retry")
  Map<String, Object> retry(@PathVariable long id) {
    if (!outbox.retry(id)) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "No FAILED chat message " + id);
    }
    delivery.soon();
    return Map.of("id", id, "state", ChatOutbox.PENDING);
  }
}
