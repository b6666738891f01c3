package in.bontonsoftwares.deploymentrequest.archive;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.database.Page;
import in.bontonsoftwares.deploymentrequest.identity.Groups;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The archive over REST: {@code GET /api/records[?project=&environment=&outcome=&from=&to=]} page
 * by page ({@code firstResult}, {@code maxResults}) and its {@code /count} for DevSecOps and
 * admins; one record's entry, and its PDF and JSON, each checked against the SHA-256 recorded when
 * it was written, also for whoever may read the request in the engine (its requester, QA): the same
 * history query with the caller's authorizations as the status API's, so another developer's record
 * is as absent (404) as one that does not exist.
 */
@RestController
@RequestMapping("/api/records")
class RecordController {

  private final RecordArchive archive;
  private final DeploymentRequestProperties properties;
  private final HistoryService historyService;

  RecordController(
      RecordArchive archive,
      DeploymentRequestProperties properties,
      HistoryService historyService) {
    this.archive = archive;
    this.properties = properties;
    this.historyService = historyService;
  }

  /**
   * One page, newest first: {@code firstResult} (from 0) and {@code maxResults} as in Camunda's
   * REST API.
   */
  @GetMapping
  List<RecordEntry> list(
      @RequestParam(required = false) String project,
      @RequestParam(required = false) String environment,
      @RequestParam(required = false) DeploymentRecord.Outcome outcome,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(defaultValue = "0") int firstResult,
      @RequestParam(defaultValue = Page.DEFAULT_SIZE) int maxResults) {
    Page page = new Page(firstResult, maxResults);
    return archive
        .find(
            project,
            environment,
            outcome == null ? null : outcome.name(),
            properties.startOf(from),
            properties.endOf(to),
            page)
        .stream()
        .map(this::entry)
        .toList();
  }

  @GetMapping("/count")
  Map<String, Long> count(
      @RequestParam(required = false) String project,
      @RequestParam(required = false) String environment,
      @RequestParam(required = false) DeploymentRecord.Outcome outcome,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    return Map.of(
        "count",
        archive.count(
            project,
            environment,
            outcome == null ? null : outcome.name(),
            properties.startOf(from),
            properties.endOf(to)));
  }

  @GetMapping("/{requestNumber}")
  RecordEntry get(@PathVariable String requestNumber, Authentication caller) {
    return entry(record(requestNumber, caller));
  }

  @GetMapping("/{requestNumber}/pdf")
  ResponseEntity<byte[]> pdf(@PathVariable String requestNumber, Authentication caller) {
    ArchivedRecord record = record(requestNumber, caller);
    return file(
        archive.read(record.pdfPath(), record.pdfSha256()),
        MediaType.APPLICATION_PDF,
        requestNumber + ".pdf",
        record.pdfSha256());
  }

  @GetMapping("/{requestNumber}/json")
  ResponseEntity<byte[]> json(@PathVariable String requestNumber, Authentication caller) {
    ArchivedRecord record = record(requestNumber, caller);
    return file(
        archive.read(record.jsonPath(), record.jsonSha256()),
        MediaType.APPLICATION_JSON,
        requestNumber + ".json",
        record.jsonSha256());
  }

  @ExceptionHandler(RecordArchive.ArchiveTamperedException.class)
  ResponseEntity<String> tampered(RecordArchive.ArchiveTamperedException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .contentType(MediaType.TEXT_PLAIN)
        .body(e.getMessage());
  }

  private ArchivedRecord record(String requestNumber, Authentication caller) {
    return archive
        .find(requestNumber)
        .filter(record -> readsTheArchive(caller) || mayReadRequest(requestNumber))
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "No archived record for " + requestNumber));
  }

  /** DevSecOps and admins read every record, also one whose request's history was cleaned up. */
  private static boolean readsTheArchive(Authentication caller) {
    return caller.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .anyMatch(group -> group.equals(Groups.DEVSECOPS) || group.equals(Groups.ADMINS));
  }

  /** The engine's answer, with the caller's authorizations (set for the length of the call). */
  private boolean mayReadRequest(String requestNumber) {
    return historyService
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(DeploymentRequestProcess.KEY)
            .processInstanceBusinessKey(requestNumber)
            .count()
        > 0;
  }

  private static ResponseEntity<byte[]> file(
      byte[] content, MediaType type, String name, String sha256) {
    return ResponseEntity.ok()
        .contentType(type)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name).build().toString())
        .header("X-Content-SHA256", sha256)
        .body(content);
  }

  private RecordEntry entry(ArchivedRecord record) {
    String base = properties.baseUrl() + "/api/records/" + record.requestNumber();
    return new RecordEntry(
        record.requestNumber(),
        record.projectName(),
        record.environment(),
        record.outcome(),
        record.createdAt(),
        record.pdfSha256(),
        record.jsonSha256(),
        base + "/pdf",
        base + "/json");
  }

  /** What the API shows of an archived record: no server paths, links to the files instead. */
  record RecordEntry(
      String requestNumber,
      String projectName,
      String environment,
      String outcome,
      Instant archivedAt,
      String pdfSha256,
      String jsonSha256,
      String pdf,
      String json) {}
}
