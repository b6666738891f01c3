package in.bontonsoftwares.deploymentrequest.pipeline;

import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.GateGo;
import in.bontonsoftwares.deploymentrequest.config.GateProperties;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import in.bontonsoftwares.deploymentrequest.tokens.TokenCaller;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/deployment-requests/{number}/gate?environment=&version=&digest=&wait=&run=}: may
 * this pipeline deploy this artifact now? 200 GO, 202 WAIT (with {@code Retry-After}), 403 STOP, as
 * {@link GateRule} decides. With {@code wait} (an ISO-8601 duration, shortened to {@code max-wait})
 * a WAIT is held open until the answer changes or the wait is over, on no thread of the server
 * ({@link GateWaits}). Every GO is recorded ({@link GoRecords}).
 */
@RestController
@RequestMapping("/api/deployment-requests")
class GateController {

  private final DeploymentRequests requests;
  private final GateRule rule;
  private final GateWaits waits;
  private final GoRecords goRecords;
  private final RequestValidator validator;
  private final GateProperties properties;
  private final GateMetrics metrics;
  private final Clock clock;

  GateController(
      DeploymentRequests requests,
      GateRule rule,
      GateWaits waits,
      GoRecords goRecords,
      RequestValidator validator,
      GateProperties properties,
      GateMetrics metrics,
      Clock clock) {
    this.metrics = metrics;
    this.requests = requests;
    this.rule = rule;
    this.waits = waits;
    this.goRecords = goRecords;
    this.validator = validator;
    this.properties = properties;
    this.clock = clock;
  }

  /** Who asks, for the record of a GO. */
  private record Asker(String user, Long tokenId, String tokenName, String runUrl) {}

  @GetMapping("/{number}/gate")
  DeferredResult<ResponseEntity<GateAnswer>> gate(
      @PathVariable String number,
      @RequestParam(required = false) String environment,
      @RequestParam(required = false) String version,
      @RequestParam(required = false) String digest,
      @RequestParam(required = false) String wait,
      @RequestParam(required = false) String run,
      Authentication caller,
      HttpServletRequest http) {
    GateRule.Question question = question(environment, version, digest);
    Duration waitFor = waitFor(wait);
    Asker asker = asker(caller, http, run);
    String processInstanceId =
        requests
            .readable(number)
            .orElseThrow(() -> DeploymentRequestController.notFound(number))
            .getId();
    RequestSnapshot request =
        requests
            .snapshot(processInstanceId)
            .orElseThrow(() -> DeploymentRequestController.notFound(number));
    Instant now = clock.instant();
    GateDecision first = rule.decide(request, question, now);
    DeferredResult<ResponseEntity<GateAnswer>> result =
        new DeferredResult<>(waitFor.plusSeconds(30).toMillis());
    if (first.decision() != GateDecision.Decision.WAIT || waitFor.isZero()) {
      result.setResult(answer(number, first, question, asker, now));
      return result;
    }
    Instant deadline = now.plus(waitFor);
    WaitingCall call = new WaitingCall(number, question, asker, first, deadline, result);
    result.onTimeout(() -> call.answer(first, clock.instant()));
    result.onCompletion(() -> waits.forget(processInstanceId, call));
    result.onError(error -> waits.forget(processInstanceId, call));
    waits.await(processInstanceId, call);
    return result;
  }

  /** A gate call waiting in {@link GateWaits}. */
  private final class WaitingCall implements GateWaits.Waiter {
    private final String number;
    private final GateRule.Question question;
    private final Asker asker;
    private final GateDecision first;
    private final Instant deadline;
    private final DeferredResult<ResponseEntity<GateAnswer>> result;
    private final AtomicBoolean answered = new AtomicBoolean();

    WaitingCall(
        String number,
        GateRule.Question question,
        Asker asker,
        GateDecision first,
        Instant deadline,
        DeferredResult<ResponseEntity<GateAnswer>> result) {
      this.number = number;
      this.question = question;
      this.asker = asker;
      this.first = first;
      this.deadline = deadline;
      this.result = result;
    }

    @Override
    public GateDecision first() {
      return first;
    }

    @Override
    public Instant deadline() {
      return deadline;
    }

    @Override
    public void look(Optional<RequestSnapshot> request, Instant now, boolean last) {
      GateDecision decision =
          request
              .map(snapshot -> rule.decide(snapshot, question, now))
              .orElseGet(
                  () ->
                      GateDecision.stop(
                          RequestState.CANCELLED, "CANCELLED", number + " no longer exists."));
      if (last || decision.differsFrom(first)) {
        answer(decision, now);
      }
    }

    void answer(GateDecision decision, Instant now) {
      if (answered.compareAndSet(false, true)) {
        result.setResult(GateController.this.answer(number, decision, question, asker, now));
      }
    }

    @Override
    public boolean done() {
      return answered.get() || result.isSetOrExpired();
    }
  }

  private ResponseEntity<GateAnswer> answer(
      String number, GateDecision decision, GateRule.Question question, Asker asker, Instant now) {
    GateAnswer body =
        new GateAnswer(
            decision.decision(),
            decision.reason(),
            decision.message(),
            number,
            decision.state(),
            decision.opensAt(),
            decision.closesAt());
    metrics.answered(decision);
    return switch (decision.decision()) {
      case GO -> {
        goRecords.record(
            number,
            new GateGo(
                now,
                asker.user(),
                asker.tokenId(),
                asker.tokenName(),
                asker.runUrl(),
                question.environment(),
                question.version(),
                question.digest()));
        yield ResponseEntity.ok(body);
      }
      case WAIT ->
          ResponseEntity.status(HttpStatus.ACCEPTED)
              .header(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfter().toSeconds()))
              .body(body);
      case STOP -> ResponseEntity.status(HttpStatus.FORBIDDEN).body(body);
    };
  }

  /** The answer's body; {@code opensAt} and {@code closesAt} are the confirmed window's. */
  record GateAnswer(
      GateDecision.Decision decision,
      String reason,
      String message,
      String requestNumber,
      RequestState state,
      Instant opensAt,
      Instant closesAt) {}

  private GateRule.Question question(String environment, String version, String digest) {
    Problems problems = new Problems();
    if (environment == null || environment.isBlank()) {
      problems.add("environment is required: the environment this pipeline deploys to.");
    }
    if (version == null || version.isBlank()) {
      problems.add("version is required: the version this pipeline deploys.");
    }
    if (digest != null && !RequestValidator.DIGEST.matcher(digest).matches()) {
      problems.add("digest must be sha256:<64 hex digits> or sha512:<128 hex digits>.");
    }
    problems.throwIfAny();
    return new GateRule.Question(environment, version, digest);
  }

  private Duration waitFor(String wait) {
    if (wait == null || wait.isBlank()) {
      return Duration.ZERO;
    }
    try {
      Duration duration = Duration.parse(wait);
      if (duration.isNegative()) {
        throw new ResponseStatusException(
            HttpStatus.BAD_REQUEST, "wait must not be negative (got " + wait + ")");
      }
      // a longer wait than this node allows is shortened: the pipeline simply asks again
      return duration.compareTo(properties.maxWait()) > 0 ? properties.maxWait() : duration;
    } catch (DateTimeParseException e) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "wait must be an ISO-8601 duration such as PT60S");
    }
  }

  private Asker asker(Authentication caller, HttpServletRequest http, String run) {
    if (run != null) {
      Map<String, Object> values = new HashMap<>();
      ProcessVariables.of(values).set(Data.PIPELINE_RUN_URL, run);
      Problems problems = new Problems();
      validator.url(ProcessVariables.of(values), Data.PIPELINE_RUN_URL, "run", problems);
      validator.lengths(ProcessVariables.of(values), problems, Data.PIPELINE_RUN_URL);
      problems.throwIfAny();
    }
    TokenCaller token = TokenCaller.of(http);
    return new Asker(
        caller.getName(),
        token == null ? null : token.tokenId(),
        token == null ? null : token.tokenName(),
        run);
  }
}
