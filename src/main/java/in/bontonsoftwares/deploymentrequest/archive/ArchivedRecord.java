package in.bontonsoftwares.deploymentrequest.archive;

import java.time.Instant;

/** A record in the archive: where its files are and what they hashed to when written. */
public record ArchivedRecord(
    String requestNumber,
    String processInstanceId,
    String projectName,
    String environment,
    String outcome,
    Instant createdAt,
    String pdfPath,
    String pdfSha256,
    String jsonPath,
    String jsonSha256) {}
