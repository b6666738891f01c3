package in.bontonsoftwares.deploymentrequest.archive;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.database.Page;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The archive over REST, for DevSecOps and admins: {@code GET
 * /api/records[?project=&environment=&outcome=&from=&to=]} page by page ({@code firstResult},
 * {@code maxResults}) and its {@code /count}, one record's entry, and its PDF and JSON, each
 * checked against the SHA-256 recorded when it was written.
 */
@RestController
@RequestMapping("/api/records")
class RecordController {

  private final RecordArchive archive;
  private final DeploymentRequestProperties properties;

  RecordController(RecordArchive archive, DeploymentRequestProperties properties) {
    this.archive = archive;
    this.properties = properties;
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
  RecordEntry get(@PathVariable String requestNumber) {
    return entry(record(requestNumber));
  }

  @GetMapping("/{requestNumber}/pdf")
  ResponseEntity<byte[]> pdf(@PathVariable String requestNumber) {
    ArchivedRecord record = record(requestNumber);
    return file(
        archive.read(record.pdfPath(), record.pdfSha256()),
        MediaType.APPLICATION_PDF,
        requestNumber + ".pdf",
        record.pdfSha256());
  }

  @GetMapping("/{requestNumber}/json")
  ResponseEntity<byte[]> json(@PathVariable String requestNumber) {
    ArchivedRecord record = record(requestNumber);
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

  private ArchivedRecord record(String requestNumber) {
    return archive
        .find(requestNumber)
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "No archived record for " + requestNumber));
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
