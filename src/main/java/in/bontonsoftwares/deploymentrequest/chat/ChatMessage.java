package in.bontonsoftwares.deploymentrequest.chat;

import java.util.List;

/**
 * What one event of a request says, before any chat's format: every text here is plain (what people
 * typed among it), and each format escapes it for its own markup.
 *
 * @param headline "DR-2026-0042 approved: Payments · Production"
 * @param facts the request at a glance (project, service, version, environment, window)
 * @param detail what the step said (review comments, rollback reason), or empty
 * @param request the request's page
 * @param action the task someone must do now, or {@code null}
 */
record ChatMessage(
    String requestNumber,
    ChatEvent event,
    String headline,
    List<Fact> facts,
    String detail,
    Link request,
    Link action) {

  record Fact(String label, String value) {}

  record Link(String label, String url) {}
}
