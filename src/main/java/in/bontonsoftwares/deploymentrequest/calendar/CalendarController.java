package in.bontonsoftwares.deploymentrequest.calendar;

import in.bontonsoftwares.deploymentrequest.config.CalendarProperties;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.request.Environment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The change calendar for anyone signed in: {@code GET /api/calendar?environment=&from=&to=} (JSON,
 * for {@code /calendar.html}) and {@code GET /api/calendar.ics?environment=} (the feed to subscribe
 * to, also with {@code ?token=}, see {@code tokens.BearerTokenFilter}). Each caller sees what they
 * may read; see {@link DeploymentEntries}.
 */
@RestController
class CalendarController {

  static final String FEED = "/api/calendar.ics";

  /** A month view shows six weeks; a range this long is more than any view asks for. */
  static final Duration MAX_RANGE = Duration.ofDays(100);

  private static final MediaType TEXT_CALENDAR =
      MediaType.parseMediaType("text/calendar;charset=UTF-8");

  private final ChangeCalendar calendar;
  private final CalendarFeed feed;
  private final CalendarProperties settings;
  private final DeploymentRequestProperties properties;
  private final Clock clock;

  CalendarController(
      ChangeCalendar calendar,
      CalendarFeed feed,
      CalendarProperties settings,
      DeploymentRequestProperties properties,
      Clock clock) {
    this.calendar = calendar;
    this.feed = feed;
    this.settings = settings;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * The entries overlapping {@code [from, to)}: each an ISO date-time with offset ({@code
   * 2026-12-01T00:00:00+05:30}, {@code 2026-12-01T18:30:00Z}) or a date in the organisation's zone
   * ({@code to} a date includes that day).
   */
  @GetMapping("/api/calendar")
  List<CalendarEntry> entries(
      @RequestParam(required = false) String environment,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      Authentication caller) {
    checkEnvironment(environment);
    Instant start = instant("from", from, false);
    Instant end = instant("to", to, true);
    if (!end.isAfter(start)) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "'to' (%s) must be after 'from' (%s)".formatted(to, from));
    }
    if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "from %s to %s is longer than %d days: ask for one view at a time"
              .formatted(from, to, MAX_RANGE.toDays()));
    }
    return calendar.entries(environment, start, end, caller(caller));
  }

  /**
   * The feed: from {@code deployment-request.calendar.feed-past} ago to {@code feed-ahead} from
   * now, as the caller may see it.
   */
  @GetMapping(FEED)
  ResponseEntity<String> feed(
      @RequestParam(required = false) String environment, Authentication caller) {
    checkEnvironment(environment);
    Instant now = clock.instant();
    List<CalendarEntry> entries =
        calendar.entries(
            environment,
            now.minus(settings.feedPast()),
            now.plus(settings.feedAhead()),
            caller(caller));
    return ResponseEntity.ok()
        .contentType(TEXT_CALENDAR)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "inline; filename=\"deployments"
                + (environment == null ? "" : "-" + environment)
                + ".ics\"")
        .body(feed.write(entries, environment));
  }

  private static void checkEnvironment(String environment) {
    if (environment != null && Environment.fromId(environment).isEmpty()) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "environment must be one of development, testing, staging or production");
    }
  }

  private Instant instant(String name, String value, boolean endOfDay) {
    if (value == null || value.isBlank()) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "'" + name + "' is required: a date (2026-12-01) or a date-time with offset");
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException notDateTime) {
      try {
        LocalDate day = LocalDate.parse(value);
        return endOfDay ? properties.endOf(day) : properties.startOf(day);
      } catch (DateTimeParseException notDate) {
        throw new ResponseStatusException(
            HttpStatus.BAD_REQUEST,
            "'%s' (%s) is neither a date (2026-12-01) nor a date-time with offset (2026-12-01T00:00:00+05:30)"
                .formatted(name, value));
      }
    }
  }

  private static CalendarEntrySource.Caller caller(Authentication caller) {
    return new CalendarEntrySource.Caller(
        caller.getName(),
        caller.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(authority -> !authority.startsWith("ROLE_"))
            .toList());
  }
}
