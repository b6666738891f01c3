package in.bontonsoftwares.deploymentrequest.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed sign-ins per client address within a sliding window, in memory: the guard must be cheaper
 * than the password check it saves, and every node counts what reaches it. Each address keeps at
 * most {@code max} times, the newest; addresses with nothing in the window are dropped at most once
 * a window, and beyond {@value #MAX_ADDRESSES} addresses new ones are not tracked until then (so
 * that a flood of addresses cannot exhaust the memory; the engine's growing delay per account still
 * applies to them).
 */
class FailedSignIns {

  private static final Logger LOG = LoggerFactory.getLogger(FailedSignIns.class);
  static final int MAX_ADDRESSES = 100_000;

  private final int max;
  private final Duration window;
  private final Clock clock;
  private final ConcurrentHashMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final AtomicReference<Instant> lastSweep;

  FailedSignIns(int max, Duration window, Clock clock) {
    this.max = max;
    this.window = window;
    this.clock = clock;
    this.lastSweep = new AtomicReference<>(clock.instant());
  }

  Duration window() {
    return window;
  }

  /** How long the address must wait before it may try a password again; empty: it may try now. */
  Optional<Duration> waitFor(String address) {
    Instant now = clock.instant();
    Duration[] wait = {null};
    failures.computeIfPresent(
        address,
        (key, times) -> {
          prune(times, now);
          if (times.size() >= max) {
            wait[0] = Duration.between(now, times.peekFirst().plus(window));
          }
          return times.isEmpty() ? null : times;
        });
    return Optional.ofNullable(wait[0]);
  }

  /** A password check from the address failed. */
  void failed(String address) {
    Instant now = clock.instant();
    sweepOncePerWindow(now);
    if (failures.size() >= MAX_ADDRESSES && !failures.containsKey(address)) {
      LOG.warn(
          "Failed sign-ins from more than {} addresses within {}; {} is not tracked",
          MAX_ADDRESSES,
          window,
          address);
      return;
    }
    failures.compute(
        address,
        (key, times) -> {
          Deque<Instant> kept = times == null ? new ArrayDeque<>() : times;
          prune(kept, now);
          kept.addLast(now);
          // the newest max decide when the address may try again
          while (kept.size() > max) {
            kept.removeFirst();
          }
          return kept;
        });
  }

  /** Forgets every failure: for tests, whose calls all come from one address. */
  void forgetAll() {
    failures.clear();
  }

  private void prune(Deque<Instant> times, Instant now) {
    Instant oldestKept = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(oldestKept)) {
      times.removeFirst();
    }
  }

  private void sweepOncePerWindow(Instant now) {
    Instant last = lastSweep.get();
    if (now.isAfter(last.plus(window)) && lastSweep.compareAndSet(last, now)) {
      failures
          .keySet()
          .forEach(
              address ->
                  failures.computeIfPresent(
                      address,
                      (key, times) -> {
                        prune(times, now);
                        return times.isEmpty() ? null : times;
                      }));
    }
  }
}
