package in.bontonsoftwares.deploymentrequest.freeze;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.config.FreezeProperties.Declaration;
import in.bontonsoftwares.deploymentrequest.database.Page;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The freeze periods over REST: {@code GET /api/freezes[?environment=]} pages them (latest declared
 * first), {@code GET /api/freezes/{id}} one with its next periods, {@code POST}, {@code PUT} and
 * {@code DELETE} declare, change and remove one, {@code POST /api/freezes/import} reads a holiday
 * calendar. Everyone signed in reads; only DevSecOps and admins write (the security configuration
 * refuses anyone else before a controller runs). A declared or changed freeze that covers a
 * scheduled deployment's window is announced ({@link FrozenWindows}) and answered with the requests
 * it affects.
 */
@RestController
@RequestMapping("/api/freezes")
class FreezeController {

  /** How many of the next periods {@code GET /api/freezes/{id}} shows. */
  static final int NEXT_PERIODS = 5;

  private final Freezes freezes;
  private final FrozenWindows frozenWindows;
  private final DeploymentRequestProperties properties;
  private final Clock clock;

  FreezeController(
      Freezes freezes,
      FrozenWindows frozenWindows,
      DeploymentRequestProperties properties,
      Clock clock) {
    this.freezes = freezes;
    this.frozenWindows = frozenWindows;
    this.properties = properties;
    this.clock = clock;
  }

  /** A freeze with its next periods and, after a change, the scheduled requests it affects. */
  record FreezeAnswer(
      Freeze freeze, List<Freeze.Occurrence> nextPeriods, List<FrozenWindows.Affected> affected) {}

  /** What an import created and which freezes it found there already (by name). */
  record ImportAnswer(List<FreezeAnswer> created, List<String> existing) {}

  @GetMapping
  List<Freeze> list(
      @RequestParam(required = false) String environment,
      @RequestParam(defaultValue = "0") int firstResult,
      @RequestParam(defaultValue = Page.DEFAULT_SIZE) int maxResults) {
    return freezes.find(environment, new Page(firstResult, maxResults));
  }

  @GetMapping("/count")
  Map<String, Long> count(@RequestParam(required = false) String environment) {
    return Map.of("count", freezes.count(environment));
  }

  @GetMapping("/{id}")
  FreezeAnswer get(@PathVariable long id) {
    return answer(freezes.get(id).orElseThrow(() -> Freezes.notFound(id)), List.of());
  }

  @PostMapping
  ResponseEntity<FreezeAnswer> create(
      @RequestBody(required = false) Declaration input, Authentication caller) {
    Freeze freeze = freezes.create(input, caller.getName());
    return ResponseEntity.created(URI.create("/api/freezes/" + freeze.id()))
        .body(answer(freeze, frozenWindows.announce(freeze)));
  }

  @PutMapping("/{id}")
  FreezeAnswer update(
      @PathVariable long id,
      @RequestBody(required = false) Declaration input,
      Authentication caller) {
    Freeze freeze = freezes.update(id, input, caller.getName());
    return answer(freeze, frozenWindows.announce(freeze));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    freezes.delete(id);
    return ResponseEntity.noContent().build();
  }

  /**
   * Imports every {@code VEVENT} of a calendar ({@code Content-Type: text/calendar}) as a freeze of
   * {@code environments} (comma-separated) with {@code mode}; all-day events in {@code zone} (the
   * app's by default). All or nothing: one unreadable event refuses the whole file. Names there
   * already are left as they are, so that an import can be repeated.
   */
  @PostMapping(path = "/import", consumes = "text/calendar")
  ResponseEntity<ImportAnswer> importCalendar(
      @RequestBody(required = false) String ics,
      @RequestParam(required = false) List<String> environments,
      @RequestParam(required = false) List<String> projects,
      @RequestParam(required = false) String mode,
      @RequestParam(required = false) String zone,
      Authentication caller) {
    ZoneId local = properties.timeZone();
    if (zone != null && !zone.isBlank()) {
      Problems problems = new Problems();
      local = FreezeRules.zone(zone, problems);
      problems.throwIfAny();
    }
    List<Declaration> inputs =
        CalendarImport.read(ics, new CalendarImport.Settings(environments, projects, mode, local));
    // every event is checked before the first is stored
    Instant now = clock.instant();
    inputs.forEach(input -> FreezeRules.freeze(input, properties.timeZone(), "", now));
    List<FreezeAnswer> created = new ArrayList<>();
    List<String> existing = new ArrayList<>();
    for (Declaration input : inputs) {
      if (freezes.byName(input.name().trim()).isPresent()) {
        existing.add(input.name().trim());
      } else {
        Freeze freeze = freezes.create(input, caller.getName());
        created.add(answer(freeze, frozenWindows.announce(freeze)));
      }
    }
    return ResponseEntity.status(created.isEmpty() ? HttpStatus.OK : HttpStatus.CREATED)
        .body(new ImportAnswer(created, existing));
  }

  private FreezeAnswer answer(Freeze freeze, List<FrozenWindows.Affected> affected) {
    Instant now = clock.instant();
    // a one-off freeze however far ahead, a recurring one's periods of the next two years
    Instant until =
        freeze.recurring() || !freeze.endsAt().isAfter(now)
            ? now.plus(Conflicts.SLOT_HORIZON)
            : freeze.endsAt();
    List<Freeze.Occurrence> next =
        freeze.occurrences(now, until).stream().limit(NEXT_PERIODS).toList();
    return new FreezeAnswer(freeze, next, affected);
  }
}
