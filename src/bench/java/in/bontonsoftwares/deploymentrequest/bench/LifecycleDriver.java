package in.bontonsoftwares.deploymentrequest.bench;

import static in.bontonsoftwares.deploymentrequest.process.TestRequests.restVariables;

import com.fasterxml.jackson.databind.JsonNode;
import in.bontonsoftwares.deploymentrequest.node.EngineRest;
import in.bontonsoftwares.deploymentrequest.node.RequestDriver.Step;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Throughput of whole lifecycles (R1, R5, R6), in the steady state: {@link #IN_FLIGHT} instances
 * are under way at any time (a new one starts as one finishes, the way requests keep coming in),
 * one person per user task works their queue over REST as a team works Tasklist (the oldest tasks
 * first: claim, submit the form), and the nodes' job executors run every asynchronous step and
 * timer. Throughput counts the instances that finish between the first quarter of the run and the
 * moment the last instance starts, so that neither the ramp-up nor the draining end (when fewer
 * than {@code IN_FLIGHT} are left) is measured.
 */
final class LifecycleDriver {

  static final int IN_FLIGHT = 16;
  private static final int STARTERS = 2;
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final EngineRest rest;

  /** {@code nodes}: the node for each call (one node, or round robin over several). */
  LifecycleDriver(Supplier<String> nodes) {
    this.rest = new EngineRest(nodes);
  }

  /**
   * One run's outcome: {@code perSecond} over the steady part; {@code failedCalls}: refused or
   * failed calls that were tried again (a 409 on a claim).
   */
  record Run(int instances, double seconds, double perSecond, int failedCalls) {}

  Run run(Workload workload, int instances) throws Exception {
    if (instances < 2 * IN_FLIGHT) {
      throw new IllegalArgumentException("A run needs at least " + 2 * IN_FLIGHT + " instances");
    }
    long finishedBefore = finished(workload);
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger failedCalls = new AtomicInteger();
    AtomicInteger started = new AtomicInteger();
    AtomicLong finished = new AtomicLong();
    ExecutorService people = Executors.newFixedThreadPool(STARTERS + workload.steps().size());
    List<Future<?>> work = new ArrayList<>();
    long start = System.nanoTime();
    try {
      for (int i = 0; i < STARTERS; i++) {
        work.add(
            people.submit(
                () -> {
                  while (!done.get()) {
                    if (started.get() - finished.get() >= IN_FLIGHT) {
                      Thread.sleep(20);
                    } else if (started.incrementAndGet() <= instances) {
                      startOne(workload, failedCalls);
                    } else {
                      return null;
                    }
                  }
                  return null;
                }));
      }
      for (Step step : workload.steps()) {
        work.add(people.submit(() -> workQueue(workload, step, done, failedCalls)));
      }
      long from = instances / 4;
      long to = instances - IN_FLIGHT;
      long fromTime = 0;
      long fromCount = 0;
      long toTime = 0;
      long toCount = 0;
      long deadline = start + TIMEOUT.toNanos();
      while (finished.get() < instances) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              workload.name()
                  + ": "
                  + finished.get()
                  + " of "
                  + instances
                  + " finished after "
                  + TIMEOUT);
        }
        for (Future<?> person : work) {
          if (person.isDone()) {
            person.get(); // a person who gave up: show why
          }
        }
        Thread.sleep(100); // the count is a query on the node too
        long now = System.nanoTime();
        finished.set(finished(workload) - finishedBefore);
        if (fromTime == 0 && finished.get() >= from) {
          fromTime = now;
          fromCount = finished.get();
        }
        if (toTime == 0 && finished.get() >= to) {
          toTime = now;
          toCount = finished.get();
        }
      }
      Run run =
          new Run(
              instances,
              (System.nanoTime() - start) / 1e9,
              (toCount - fromCount) / ((toTime - fromTime) / 1e9),
              failedCalls.get());
      System.out.printf(
          Locale.ROOT,
          "%s  %s: %d lifecycles in %.1f s, %.2f/s in the steady state (%d calls tried "
              + "again)%n",
          LocalTime.now().withNano(0),
          workload.name(),
          instances,
          run.seconds(),
          run.perSecond(),
          run.failedCalls());
      return run;
    } finally {
      done.set(true);
      people.shutdownNow();
      people.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  private void startOne(Workload workload, AtomicInteger failedCalls) {
    for (int attempt = 1; ; attempt++) {
      try {
        rest.call(
            workload.starter(),
            "POST",
            "/engine-rest/process-definition/key/" + workload.processKey() + "/submit-form",
            restVariables(workload.startForm().get()));
        return;
      } catch (EngineRest.CallFailed e) {
        failedCalls.incrementAndGet();
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  /**
   * Oldest first, ten at a time; waits a little longer each time the queue is empty (25 ms up to
   * 200 ms).
   */
  private void workQueue(
      Workload workload, Step step, AtomicBoolean done, AtomicInteger failedCalls) {
    long idle = 25;
    while (!done.get() && !Thread.currentThread().isInterrupted()) {
      JsonNode tasks;
      try {
        tasks =
            rest.call(
                step.user(),
                "GET",
                "/engine-rest/task?processDefinitionKey="
                    + workload.processKey()
                    + "&taskDefinitionKey="
                    + step.taskKey()
                    + "&sortBy=created&sortOrder=asc&maxResults=10",
                null);
      } catch (EngineRest.CallFailed e) {
        failedCalls.incrementAndGet();
        tasks = null;
      } catch (IllegalStateException interrupted) {
        return;
      }
      if (tasks == null || tasks.isEmpty()) {
        try {
          Thread.sleep(idle);
        } catch (InterruptedException e) {
          return;
        }
        idle = Math.min(200, idle * 2);
        continue;
      }
      idle = 25;
      for (JsonNode task : tasks) {
        String id = task.get("id").asText();
        try {
          if (task.get("assignee").isNull()) {
            rest.call(
                step.user(),
                "POST",
                "/engine-rest/task/" + id + "/claim",
                Map.of("userId", step.user()));
          }
          rest.call(
              step.user(),
              "POST",
              "/engine-rest/task/" + id + "/submit-form",
              restVariables(step.form().get()));
        } catch (EngineRest.CallFailed e) {
          failedCalls.incrementAndGet();
        }
      }
    }
  }

  /** Finished instances of the workload's process, as the history counts them. */
  long finished(Workload workload) {
    return rest.call(
            "admin",
            "GET",
            "/engine-rest/history/process-instance/count?finished=true&processDefinitionKey="
                + workload.processKey(),
            null)
        .get("count")
        .asLong();
  }
}
