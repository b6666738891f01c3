package in.bontonsoftwares.deploymentrequest.freeze;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.request.Environment;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import java.time.Duration;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/conflicts?environment=&application=&start=&end=[&project=&onCall=&exclude=]}:
 * every conflict of a window and the next free slot of its length ({@link Conflicts}), for anyone
 * signed in.
 */
@RestController
@RequestMapping("/api/conflicts")
class ConflictController {

  /** The longest window asked about: longer ones are no deployment window. */
  static final Duration LONGEST_WINDOW = Duration.ofDays(31);

  private final Conflicts conflicts;
  private final DeploymentRequestProperties properties;

  ConflictController(Conflicts conflicts, DeploymentRequestProperties properties) {
    this.conflicts = conflicts;
    this.properties = properties;
  }

  @GetMapping
  Conflicts.Answer check(
      @RequestParam(required = false) String environment,
      @RequestParam(required = false) String application,
      @RequestParam(required = false) String start,
      @RequestParam(required = false) String end,
      @RequestParam(required = false) String project,
      @RequestParam(required = false) String onCall,
      @RequestParam(required = false) String exclude) {
    Problems problems = new Problems();
    if (environment == null || environment.isBlank()) {
      problems.add("environment is required: development, testing, staging or production.");
    } else if (Environment.fromId(environment.trim()).isEmpty()) {
      problems.add(
          "Unknown environment '%s': use development, testing, staging or production."
              .formatted(environment.length() > 50 ? environment.substring(0, 50) : environment));
    }
    if (application == null || application.isBlank()) {
      problems.add("application is required: the application or service deployed.");
    }
    if (onCall != null && !onCall.isBlank() && !RequestValidator.isEmail(onCall.trim())) {
      problems.add("onCall must be the on-call contact's email address.");
    }
    Instant from = instant(start, "start", problems);
    Instant to = instant(end, "end", problems);
    if (from != null && to != null) {
      if (!to.isAfter(from)) {
        problems.add("end must be after start.");
      } else if (Duration.between(from, to).compareTo(LONGEST_WINDOW) > 0) {
        problems.add("A window may last at most 31 days.");
      }
    }
    problems.throwIfAny();
    return conflicts.check(
        new Conflicts.Question(
            environment.trim(),
            blankToNull(project),
            application.trim(),
            from,
            to,
            blankToNull(onCall),
            blankToNull(exclude)));
  }

  private Instant instant(String text, String field, Problems problems) {
    if (text == null || text.isBlank()) {
      problems.add(field + " is required, e.g. 2026-12-01T22:00Z.");
      return null;
    }
    try {
      return WindowTime.parse(text.trim(), properties.timeZone());
    } catch (IllegalArgumentException e) {
      problems.add(field + ": not a date and time such as 2026-12-01T22:00Z.");
      return null;
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
