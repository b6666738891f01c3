package in.bontonsoftwares.deploymentrequest.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Outcome;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.database.Filter;
import in.bontonsoftwares.deploymentrequest.database.Page;
import in.bontonsoftwares.deploymentrequest.database.SqlInstant;
import in.bontonsoftwares.deploymentrequest.numbering.NumberGenerator;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The archive: each request's record written once, as {@code <archive>/<year>/<number>.pdf} and
 * {@code .json}, and registered in the database with the SHA-256 of each file once both are on the
 * disk, so that a registered record's files survive a crash or a power cut. Archiving again returns
 * what is there: a job that runs twice, or runs again after a crash between writing the files and
 * committing, never makes a second, different record.
 */
@Service
public class RecordArchive {

  private static final Logger LOG = LoggerFactory.getLogger(RecordArchive.class);
  private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");
  private static final String COLUMNS =
      "request_number, process_instance_id, project_name, environment, outcome, "
          + "created_at, pdf_path, pdf_sha256, json_path, json_sha256";

  private final DeploymentRecordBuilder builder;
  private final RecordPdfRenderer pdf;
  private final JdbcTemplate jdbc;
  private final Path directory;
  private final ObjectMapper json;

  RecordArchive(
      DeploymentRecordBuilder builder,
      RecordPdfRenderer pdf,
      JdbcTemplate jdbc,
      DeploymentRequestProperties properties,
      Jackson2ObjectMapperBuilder mappers) {
    this.builder = builder;
    this.pdf = pdf;
    this.jdbc = jdbc;
    this.directory = properties.archive().directory();
    this.json = mappers.build().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** A path of the archive's, refused when it would lead out of the archive's folder. */
  private Path inArchive(Path file) {
    Path root = directory.toAbsolutePath().normalize();
    Path resolved = file.toAbsolutePath().normalize();
    if (!resolved.startsWith(root) || resolved.equals(root)) {
      throw new IllegalStateException("Refused to write " + file + " outside the archive " + root);
    }
    return file.normalize();
  }

  /** The request's record, archived now if it is not yet. */
  @Transactional
  public ArchivedRecord archive(
      String processInstanceId, ProcessVariables variables, Outcome outcome) {
    String number = NumberGenerator.requireValid(variables.text(Data.REQUEST_NUMBER));
    Optional<ArchivedRecord> existing = find(number);
    if (existing.isPresent()) {
      return existing.get();
    }
    DeploymentRecord record = builder.build(processInstanceId, variables, outcome);
    // the year of the number (DR-2026-0042), which is the year in the app's zone when the request
    // was made
    Path folder = directory.resolve(number.split("-")[1]);
    Path pdfFile = writeOnce(inArchive(folder.resolve(number + ".pdf")), pdf.render(record));
    Path jsonFile = writeOnce(inArchive(folder.resolve(number + ".json")), toJson(record));
    ArchivedRecord archived =
        new ArchivedRecord(
            number,
            processInstanceId,
            record.request().projectName(),
            record.request().environment(),
            record.outcome().name(),
            record.generatedAt(),
            pdfFile.toString(),
            sha256(pdfFile),
            jsonFile.toString(),
            sha256(jsonFile));
    jdbc.update(
        "insert into deployment_record (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        archived.requestNumber(),
        archived.processInstanceId(),
        archived.projectName(),
        archived.environment(),
        archived.outcome(),
        SqlInstant.of(archived.createdAt()),
        archived.pdfPath(),
        archived.pdfSha256(),
        archived.jsonPath(),
        archived.jsonSha256());
    LOG.info("Archived the record of {} ({}) in {}", number, outcome, folder);
    return archived;
  }

  public Optional<ArchivedRecord> find(String requestNumber) {
    return jdbc
        .query(
            "select " + COLUMNS + " from deployment_record where request_number = ?",
            RecordArchive::map,
            requestNumber)
        .stream()
        .findFirst();
  }

  /** One page of the records matching the filters (null: any), newest first. */
  public List<ArchivedRecord> find(
      String projectName, String environment, String outcome, Instant from, Instant to, Page page) {
    Filter filter = filter(projectName, environment, outcome, from, to);
    String sql =
        "select "
            + COLUMNS
            + " from deployment_record"
            + filter.where()
            + " order by created_at desc, request_number desc"
            + page.sql(filter.arguments());
    return jdbc.query(sql, RecordArchive::map, filter.arguments().toArray());
  }

  /** How many records match the filters (null: any). */
  public long count(
      String projectName, String environment, String outcome, Instant from, Instant to) {
    Filter filter = filter(projectName, environment, outcome, from, to);
    return jdbc.queryForObject(
        "select count(*) from deployment_record" + filter.where(),
        Long.class,
        filter.arguments().toArray());
  }

  private static Filter filter(
      String projectName, String environment, String outcome, Instant from, Instant to) {
    return new Filter()
        .and("project_name = ?", projectName)
        .and("environment = ?", environment)
        .and("outcome = ?", outcome)
        .and("created_at >= ?", from)
        .and("created_at < ?", to);
  }

  /**
   * The file's bytes, after checking that they still hash to what was recorded when it was written.
   */
  public byte[] read(String path, String expectedSha256) {
    Path file = Path.of(path);
    String actual = sha256(file);
    if (!actual.equals(expectedSha256)) {
      throw new ArchiveTamperedException(
          "The archived file %s no longer matches its recorded SHA-256"
              .formatted(file.getFileName()));
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] toJson(DeploymentRecord record) {
    try {
      return json.writeValueAsBytes(record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the file unless it exists, so that it is on the disk under its name before the row that
   * names it is registered: the content goes to a temporary file that is forced to the device, is
   * moved into place in one step, and the folder that now names it is forced too. A file left by an
   * attempt that did not commit is kept as it is, never replaced, and its hash is the one recorded;
   * it and its folder are forced again, since that attempt may have died before it forced them.
   */
  private static Path writeOnce(Path file, byte[] content) {
    try {
      createDirectories(file.getParent());
      if (Files.exists(file)) {
        LOG.info("{} exists from an earlier attempt; keeping it", file);
        try (FileChannel kept = FileChannel.open(file, StandardOpenOption.READ)) {
          kept.force(true);
        }
        forceDirectory(file.getParent());
        return file;
      }
      Path temporary =
          Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer remaining = ByteBuffer.wrap(content);
        while (remaining.hasRemaining()) {
          channel.write(remaining);
        }
        channel.force(true);
      }
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException raced) {
        Files.deleteIfExists(temporary);
      }
      forceDirectory(file.getParent());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not archive " + file, e);
    }
  }

  /**
   * Creates the folder and any missing parents, each new one made durable in the folder that holds
   * it.
   */
  private static void createDirectories(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    Path parent = folder.toAbsolutePath().getParent();
    createDirectories(parent);
    try {
      Files.createDirectory(folder);
    } catch (FileAlreadyExistsException raced) {
      // made at the same moment by another job (durable once forced below), unless it is not a
      // folder
      if (!Files.isDirectory(folder)) {
        throw raced;
      }
    }
    forceDirectory(parent);
  }

  /**
   * Forces a folder's entries (a file moved in, a folder created) to the device. Windows cannot
   * open a folder as a file; NTFS journals those changes itself.
   */
  private static void forceDirectory(Path folder) throws IOException {
    if (WINDOWS) {
      return;
    }
    try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
      directory.force(true);
    }
  }

  static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ArchivedRecord map(ResultSet rs, int row) throws SQLException {
    return new ArchivedRecord(
        rs.getString("request_number"),
        rs.getString("process_instance_id"),
        rs.getString("project_name"),
        rs.getString("environment"),
        rs.getString("outcome"),
        SqlInstant.read(rs, "created_at"),
        rs.getString("pdf_path"),
        rs.getString("pdf_sha256"),
        rs.getString("json_path"),
        rs.getString("json_sha256"));
  }

  /** An archived file was changed after it was written. */
  public static class ArchiveTamperedException extends RuntimeException {
    ArchiveTamperedException(String message) {
      super(message);
    }
  }
}
