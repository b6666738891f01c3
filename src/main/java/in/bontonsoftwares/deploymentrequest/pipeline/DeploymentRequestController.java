package in.bontonsoftwares.deploymentrequest.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import in.bontonsoftwares.deploymentrequest.database.Page;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data;
import in.bontonsoftwares.deploymentrequest.request.Environment;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Requests for pipelines: {@code POST /api/deployment-requests} files one from the start form's
 * fields exactly as Tasklist's start form does (same checks, same requester rules), {@code GET
 * /api/deployment-requests/{number}} shows one, {@code GET /api/deployment-requests} pages through
 * those the caller may read.
 */
@RestController
@RequestMapping("/api/deployment-requests")
class DeploymentRequestController {

  /** How long a call waits for another call with the same key to finish starting its request. */
  private static final int KEY_ATTEMPTS = 60;

  private static final long KEY_PAUSE_MILLIS = 250;

  private final FormService formService;
  private final RepositoryService repositoryService;
  private final HistoryService historyService;
  private final TaskService taskService;
  private final DeploymentRequests requests;
  private final RequestStatusReader statusReader;
  private final IdempotencyKeys keys;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ObjectMapper canonical =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  DeploymentRequestController(
      FormService formService,
      RepositoryService repositoryService,
      HistoryService historyService,
      TaskService taskService,
      DeploymentRequests requests,
      RequestStatusReader statusReader,
      IdempotencyKeys keys,
      TransactionTemplate transaction,
      Clock clock) {
    this.formService = formService;
    this.repositoryService = repositoryService;
    this.historyService = historyService;
    this.taskService = taskService;
    this.requests = requests;
    this.statusReader = statusReader;
    this.keys = keys;
    this.transaction = transaction;
    this.clock = clock;
  }

  @PostMapping
  ResponseEntity<RequestStatus> file(
      @RequestBody Map<String, Object> body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      Authentication caller)
      throws InterruptedException {
    if (key == null) {
      return created(start(body, null, null, caller.getName()));
    }
    if (!IdempotencyKeys.FORMAT.matcher(key).matches()) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "Idempotency-Key must be 1 to 100 visible ASCII characters (a UUID or the run's id)");
    }
    String hash = sha256(body);
    for (int attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
      Optional<IdempotencyKeys.Entry> earlier = keys.find(caller.getName(), key);
      if (earlier.isPresent()) {
        return replay(earlier.get(), hash, key);
      }
      try {
        return created(start(body, key, hash, caller.getName()));
      } catch (DuplicateKeyException | ConcurrencyFailureException sameKeyAtOnce) {
        // another call with this key is starting its request: wait for it, then answer as it did
        Thread.sleep(KEY_PAUSE_MILLIS);
      }
    }
    throw new ResponseStatusException(
        HttpStatus.CONFLICT,
        "Another call with Idempotency-Key " + key + " is still starting its request; try again");
  }

  private ResponseEntity<RequestStatus> replay(
      IdempotencyKeys.Entry earlier, String hash, String key) {
    if (!earlier.bodySha256().equals(hash)) {
      throw new ResponseStatusException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "Idempotency-Key "
              + key
              + " was used for another body (request "
              + earlier.requestNumber()
              + "); use a new key for a new request");
    }
    return ResponseEntity.ok(status(earlier.requestNumber()));
  }

  /** Starts the request; with a key, the key's row is written in the same transaction. */
  private String start(Map<String, Object> body, String key, String hash, String user) {
    String definitionId =
        requests.asEngine(
            () ->
                repositoryService
                    .createProcessDefinitionQuery()
                    .processDefinitionKey(DeploymentRequestProcess.KEY)
                    .withoutTenantId()
                    .latestVersion()
                    .singleResult()
                    .getId());
    return transaction.execute(
        tx -> {
          if (key != null) {
            keys.insert(user, key, hash, "", clock.instant());
          }
          ProcessInstance instance = formService.submitStartForm(definitionId, body);
          if (key != null) {
            keys.complete(user, key, instance.getBusinessKey());
          }
          return instance.getBusinessKey();
        });
  }

  private ResponseEntity<RequestStatus> created(String number) {
    return ResponseEntity.created(URI.create(RequestStatusReader.BASE + number))
        .body(status(number));
  }

  @GetMapping("/{number}")
  RequestStatus get(@PathVariable String number) {
    return status(number);
  }

  private RequestStatus status(String number) {
    return requests
        .readable(number)
        .flatMap(instance -> requests.snapshot(instance.getId()))
        .map(statusReader::status)
        .orElseThrow(() -> notFound(number));
  }

  static ResponseStatusException notFound(String number) {
    return new ResponseStatusException(
        HttpStatus.NOT_FOUND, "No deployment request " + number + " that you may read");
  }

  /**
   * Newest first, the requests the caller may read, filtered by what is given: {@code mine} those
   * the caller started, {@code team} those with an open task for one of the caller's groups
   * (claimed or not).
   */
  @GetMapping
  List<RequestStatus> list(
      @RequestParam(defaultValue = "false") boolean mine,
      @RequestParam(defaultValue = "false") boolean team,
      @RequestParam(required = false) RequestState state,
      @RequestParam(required = false) String environment,
      @RequestParam(defaultValue = "0") int firstResult,
      @RequestParam(defaultValue = Page.DEFAULT_SIZE) int maxResults,
      Authentication caller) {
    Page page = new Page(firstResult, maxResults);
    HistoricProcessInstanceQuery query =
        historyService
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(DeploymentRequestProcess.KEY);
    if (mine) {
      query.startedBy(caller.getName());
    }
    if (environment != null) {
      if (Environment.fromId(environment).isEmpty()) {
        throw new ResponseStatusException(
            HttpStatus.BAD_REQUEST,
            "environment must be one of development, testing, staging or production");
      }
      query.variableValueEquals(Data.ENVIRONMENT.name(), environment);
    }
    Set<String> ids = null;
    if (team) {
      ids = waitingForGroupsOf(caller);
    }
    if (state != null) {
      Optional<Set<String>> running = narrow(query, state);
      if (running.isPresent()) {
        ids = ids == null ? running.get() : intersection(ids, running.get());
      }
    }
    if (ids != null) {
      if (ids.isEmpty()) {
        return List.of();
      }
      query.unfinished().processInstanceIds(ids);
    }
    return query
        .orderByProcessInstanceStartTime()
        .desc()
        .listPage(page.firstResult(), page.maxResults())
        .stream()
        .flatMap(instance -> requests.snapshot(instance.getId()).stream())
        .map(statusReader::summary)
        .toList();
  }

  /** The running requests with an open task for one of the caller's groups. */
  private Set<String> waitingForGroupsOf(Authentication caller) {
    List<String> groups =
        caller.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(authority -> !authority.startsWith("ROLE_"))
            .toList();
    if (groups.isEmpty()) {
      return Set.of();
    }
    return requests.asEngine(
        () ->
            taskService
                .createTaskQuery()
                .processDefinitionKey(DeploymentRequestProcess.KEY)
                .taskCandidateGroupIn(groups)
                .includeAssignedTasks()
                .list()
                .stream()
                .map(Task::getProcessInstanceId)
                .collect(Collectors.toSet()));
  }

  private static Set<String> intersection(Set<String> a, Set<String> b) {
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return both;
  }

  /**
   * Limits the query to requests in {@code state}: an ended state by the query itself, a running
   * one by the ids it answers.
   */
  private Optional<Set<String>> narrow(HistoricProcessInstanceQuery query, RequestState state) {
    if (state == RequestState.CANCELLED) {
      query.externallyTerminated();
      return Optional.empty();
    }
    if (state.isFinal()) {
      String end =
          RequestState.BY_END.entrySet().stream()
              .filter(entry -> entry.getValue() == state)
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow();
      query.completed().executedActivityIdIn(end);
      return Optional.empty();
    }
    return Optional.of(Set.copyOf(requests.runningIn(state)));
  }

  private String sha256(Map<String, Object> body) {
    try {
      byte[] json = canonical.writeValueAsBytes(new TreeMap<>(body));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("A parsed JSON body writes again", e);
    }
  }
}
