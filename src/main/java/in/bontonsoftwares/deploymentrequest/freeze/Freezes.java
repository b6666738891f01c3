package in.bontonsoftwares.deploymentrequest.freeze;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.config.FreezeProperties.Declaration;
import in.bontonsoftwares.deploymentrequest.database.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * The freeze periods: declared, changed and removed (each change checked by {@link FreezeRules}),
 * and read as the periods that hold a window.
 */
@Service
class Freezes implements ActiveFreezes, FreezePeriods {

  /** How far a chain of back-to-back freezes is followed to find when a hold ends. */
  private static final int LONGEST_CHAIN = 100;

  private final FreezeRepository repository;
  private final DeploymentRequestProperties properties;
  private final Clock clock;

  Freezes(FreezeRepository repository, DeploymentRequestProperties properties, Clock clock) {
    this.repository = repository;
    this.properties = properties;
    this.clock = clock;
  }

  /** A freeze's period that overlaps a window. */
  record Hit(Freeze freeze, Freeze.Occurrence occurrence) {}

  List<Freeze> find(String environment, Page page) {
    return repository.find(environment, page);
  }

  long count(String environment) {
    return repository.count(environment);
  }

  Optional<Freeze> get(long id) {
    return repository.find(id);
  }

  Optional<Freeze> byName(String name) {
    return repository.findByName(name);
  }

  /** Declares a freeze; 400 naming every problem, 409 when the name is taken. */
  Freeze create(Declaration input, String by) {
    Freeze freeze = FreezeRules.freeze(input, properties.timeZone(), by, clock.instant());
    if (repository.findByName(freeze.name()).isPresent()) {
      throw nameTaken(freeze.name());
    }
    try {
      return repository.find(repository.insert(freeze)).orElseThrow();
    } catch (DuplicateKeyException e) {
      throw nameTaken(freeze.name());
    }
  }

  /** Changes a freeze as a whole; it keeps who declared it and when. */
  Freeze update(long id, Declaration input, String by) {
    Freeze before = repository.find(id).orElseThrow(() -> notFound(id));
    Freeze given = FreezeRules.freeze(input, properties.timeZone(), by, clock.instant());
    Optional<Freeze> sameName = repository.findByName(given.name());
    if (sameName.isPresent() && sameName.get().id() != id) {
      throw nameTaken(given.name());
    }
    Freeze changed =
        new Freeze(
            id,
            given.name(),
            given.reason(),
            given.environments(),
            given.projects(),
            given.mode(),
            given.startsAt(),
            given.endsAt(),
            given.recurrenceRule(),
            given.timeZone(),
            given.localStart(),
            given.duration(),
            given.exceptionDates(),
            before.createdBy(),
            before.createdAt(),
            by,
            given.updatedAt());
    try {
      if (!repository.update(changed)) {
        throw notFound(id);
      }
    } catch (DuplicateKeyException e) {
      throw nameTaken(given.name());
    }
    return repository.find(id).orElseThrow(() -> notFound(id));
  }

  void delete(long id) {
    if (!repository.delete(id)) {
      throw notFound(id);
    }
  }

  /** Every freeze that applies to a deployment of this project to this environment. */
  List<Freeze> covering(String environment, String project) {
    return repository.all(environment).stream()
        .filter(freeze -> freeze.covers(environment, project))
        .toList();
  }

  /**
   * The periods of every freeze of this environment and project that overlap {@code [from, to)},
   * BLOCK before WARN, each in time order.
   */
  List<Hit> hits(String environment, String project, Instant from, Instant to) {
    return hits(covering(environment, project), from, to);
  }

  /** The periods of these freezes that overlap {@code [from, to)}, BLOCK before WARN. */
  static List<Hit> hits(List<Freeze> freezes, Instant from, Instant to) {
    List<Hit> hits = new ArrayList<>();
    for (Freeze.Mode mode : Freeze.Mode.values()) {
      for (Freeze freeze : freezes) {
        if (freeze.mode() == mode) {
          freeze.occurrences(from, to).forEach(period -> hits.add(new Hit(freeze, period)));
        }
      }
    }
    return hits;
  }

  @Override
  public List<Period> periods(String environment, Instant from, Instant to) {
    return hits(repository.all(environment), from, to).stream()
        .map(
            hit ->
                new Period(
                    hit.freeze().id(),
                    hit.freeze().name(),
                    hit.freeze().reason(),
                    hit.freeze().mode() == Freeze.Mode.BLOCK,
                    hit.freeze().environments(),
                    hit.freeze().projects(),
                    hit.occurrence().start(),
                    hit.occurrence().end(),
                    hit.freeze().updatedAt() == null
                        ? hit.freeze().createdAt()
                        : hit.freeze().updatedAt()))
        .toList();
  }

  @Override
  public Optional<Hold> holding(String environment, String project, Instant at, Set<Long> excused) {
    // one read of the freezes, however long the chain of periods that follow one another
    List<Freeze> blocking =
        covering(environment, project).stream()
            .filter(freeze -> freeze.mode() == Freeze.Mode.BLOCK)
            .filter(freeze -> !excused.contains(freeze.id()))
            .toList();
    List<Hit> now = hits(blocking, at, at.plusMillis(1));
    if (now.isEmpty()) {
      return Optional.empty();
    }
    Set<String> names = new LinkedHashSet<>();
    now.forEach(hit -> names.add(hit.freeze().name()));
    Instant until = latestEnd(now);
    // a freeze that begins as the last one ends holds it on
    for (int i = 0; i < LONGEST_CHAIN; i++) {
      List<Hit> next = hits(blocking, until, until.plusMillis(1));
      if (next.isEmpty()) {
        break;
      }
      until = latestEnd(next);
    }
    return Optional.of(new Hold(List.copyOf(names), until));
  }

  private static Instant latestEnd(List<Hit> hits) {
    return hits.stream().map(hit -> hit.occurrence().end()).max(Instant::compareTo).orElseThrow();
  }

  private static ResponseStatusException nameTaken(String name) {
    return new ResponseStatusException(
        HttpStatus.CONFLICT, "A freeze named '%s' exists already.".formatted(name));
  }

  static ResponseStatusException notFound(long id) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "No freeze " + id);
  }
}
