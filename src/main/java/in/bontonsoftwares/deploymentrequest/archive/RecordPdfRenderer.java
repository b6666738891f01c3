package in.bontonsoftwares.deploymentrequest.archive;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Check;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.ChecklistAnswer;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.HealthPhase;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.HealthProbe;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.ReviewRound;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Step;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Window;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.display.Labels;
import in.bontonsoftwares.deploymentrequest.display.People;
import in.bontonsoftwares.deploymentrequest.display.Readable;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data;
import in.bontonsoftwares.deploymentrequest.request.Environment;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The record as a document a person would print: A4, sections with tables, page numbers; labels,
 * names, durations and times as people read them ({@link Readable}), where the JSON keeps the
 * machine values.
 */
@Component
class RecordPdfRenderer {

  private static final Color ACCENT = new Color(11, 79, 138);
  private static final Color SHADE = new Color(238, 242, 246);
  private static final Font TITLE = new Font(Font.HELVETICA, 18, Font.BOLD, ACCENT);
  private static final Font HEADING = new Font(Font.HELVETICA, 12, Font.BOLD, ACCENT);
  private static final Font LABEL = new Font(Font.HELVETICA, 9, Font.BOLD);
  private static final Font BODY = new Font(Font.HELVETICA, 9);
  private static final Font SMALL = new Font(Font.HELVETICA, 8, Font.NORMAL, Color.DARK_GRAY);

  /**
   * Rows of a long table handed to the document at a time, so that hundreds of probes are laid out
   * page by page rather than held as one table.
   */
  private static final int ROWS_AT_A_TIME = 100;

  private final ZoneId zone;
  private final Labels labels;
  private final People people;

  RecordPdfRenderer(DeploymentRequestProperties properties, Labels labels, People people) {
    this.zone = properties.timeZone();
    this.labels = labels;
    this.people = people;
  }

  byte[] render(DeploymentRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 42, 42, 48, 48);
    try {
      PdfWriter writer = PdfWriter.getInstance(document, out);
      writer.setPageEvent(new Footer(record.requestNumber()));
      document.addTitle("Deployment record " + record.requestNumber());
      document.addCreator("Deployment Request Process");
      document.addCreationDate();
      document.open();
      write(document, record);
      document.close();
    } catch (DocumentException e) {
      throw new IllegalStateException("Could not write the record of " + record.requestNumber(), e);
    }
    return out.toByteArray();
  }

  private void write(Document document, DeploymentRecord record) {
    DeploymentRecord.Request request = record.request();
    document.add(new Paragraph("Deployment record " + record.requestNumber(), TITLE));
    document.add(
        new Paragraph(
            "%s - %s - %s. Outcome: %s. Generated %s."
                .formatted(
                    request.projectName(),
                    request.applicationName(),
                    Environment.labelOf(request.environment()),
                    record.outcome().label(),
                    time(record.generatedAt())),
            SMALL));

    heading(document, "Request");
    PdfPTable details = pairs();
    pair(details, "Request number", record.requestNumber());
    pair(
        details,
        "Requester",
        "%s <%s> (%s)"
            .formatted(request.requesterName(), request.requesterEmail(), request.requester()));
    pair(details, "Requested", time(request.requestedAt()));
    pair(details, "Project", request.projectName());
    pair(details, "Application / service", request.applicationName());
    pair(details, "Version / artifact", request.version());
    pair(details, "Environment", Environment.labelOf(request.environment()));
    pair(details, "Change description", request.changeDescription());
    pair(details, "Revisions", String.valueOf(request.revisions()));
    pair(details, "Rollback plan", request.rollbackPlan());
    pair(
        details,
        "On-call contact",
        "%s, %s, %s".formatted(request.onCallName(), request.onCallEmail(), request.onCallPhone()));
    pair(details, "Real-time channel", request.realtimeChannel());
    pair(details, "Stakeholders", request.stakeholderEmails());
    pair(details, "Health-check URL", request.healthCheckUrl());
    pair(
        details,
        "Smoke tests / QA validation",
        yesNo(request.smokeTestsApply()) + " / " + yesNo(request.qaValidationApplies()));
    document.add(details);

    heading(document, "Pre-deployment checklist (policy 3.1.2)");
    PdfPTable checklist =
        table(new float[] {46, 12, 10, 32}, "Item", "Required", "Done", "Evidence");
    for (ChecklistAnswer answer : record.checklist()) {
      row(
          checklist,
          answer.text(),
          yesNo(answer.required()),
          yesNo(answer.done()),
          answer.evidence());
    }
    document.add(checklist);

    heading(document, "Review rounds");
    if (record.reviews().isEmpty()) {
      document.add(new Paragraph("No review was completed.", BODY));
    }
    for (ReviewRound round : record.reviews()) {
      PdfPTable review = pairs();
      pair(
          review,
          "Round",
          "%d, by %s, %s - %s"
              .formatted(
                  round.round(),
                  people.name(round.reviewer()),
                  time(round.started()),
                  time(round.completed())));
      pair(review, "Decision", labels.of(Data.REVIEW_DECISION.name(), round.decision()));
      pair(review, "Risk level", labels.of(Data.RISK_LEVEL.name(), round.riskLevel()));
      pair(
          review,
          "Review points",
          ("prerequisites %s; code and configuration %s; security and compliance %s; "
                  + "infrastructure %s; risks and dependencies %s")
              .formatted(
                  yesNo(round.prerequisites()),
                  yesNo(round.codeAndConfiguration()),
                  yesNo(round.securityAndCompliance()),
                  yesNo(round.infrastructure()),
                  yesNo(round.risksAndDependencies())));
      pair(review, "Comments", round.comments());
      document.add(review);
    }

    heading(document, "Schedule and execution");
    PdfPTable schedule = pairs();
    pair(schedule, "Change ticket", record.changeTicket());
    pair(schedule, "Preferred window", window(record.preferredWindow()));
    pair(schedule, "Confirmed window", window(record.confirmedWindow()));
    for (DeploymentRecord.BreakGlass breakGlass : record.breakGlass()) {
      pair(
          schedule,
          "Break-glass " + breakGlass.round(),
          "%s by %s (%s) for %s inside the freeze %s; asked by %s: %s%s"
              .formatted(
                  labels.of(Data.BREAK_GLASS_DECISION.name(), breakGlass.decision()),
                  people.name(breakGlass.decidedBy()),
                  time(breakGlass.decided()),
                  window(breakGlass.window()),
                  breakGlass.freezes(),
                  people.name(breakGlass.scheduledBy()),
                  breakGlass.justification(),
                  breakGlass.comment() == null ? "" : "; comment: " + breakGlass.comment()));
    }
    if (record.execution() != null) {
      pair(schedule, "Executed by", people.name(record.execution().executedBy()));
      pair(
          schedule,
          "Execution",
          "%s - %s"
              .formatted(time(record.execution().started()), time(record.execution().completed())));
      pair(
          schedule,
          "Execution outcome",
          labels.of(Data.EXECUTION_OUTCOME.name(), record.execution().outcome()));
      pair(schedule, "Execution notes", record.execution().notes());
      pair(schedule, "Rollback notes", record.execution().rollbackNotes());
    }
    document.add(schedule);

    DeploymentRecord.Pipeline pipeline = record.pipeline();
    if (pipeline != null
        && (pipeline.pipelineRunUrl() != null
            || pipeline.commitSha() != null
            || pipeline.artifactDigest() != null
            || !pipeline.gateGos().isEmpty()
            || pipeline.deploymentReportedBy() != null)) {
      heading(document, "Pipeline");
      PdfPTable artifact = pairs();
      pair(artifact, "Commit", pipeline.commitSha());
      pair(artifact, "Artifact digest", pipeline.artifactDigest());
      pair(artifact, "Pipeline run", pipeline.pipelineRunUrl());
      pair(artifact, "Deployment reported by", people.name(pipeline.deploymentReportedBy()));
      pair(artifact, "Deployment run", pipeline.deploymentRunUrl());
      pair(
          artifact,
          "Deployment started",
          pipeline.deploymentStartedAt() == null ? null : time(pipeline.deploymentStartedAt()));
      document.add(artifact);
      if (!pipeline.gateGos().isEmpty()) {
        PdfPTable gos = table(new float[] {22, 20, 38, 20}, "Gate GO at", "To", "Run", "Artifact");
        for (DeploymentRecord.GateGo go : pipeline.gateGos()) {
          row(
              gos,
              time(go.at()),
              go.tokenName() == null
                  ? people.name(go.user())
                  : people.name(go.user()) + " (token " + go.tokenName() + ")",
              go.runUrl(),
              go.version() + (go.digest() == null ? "" : " " + go.digest()));
        }
        document.add(gos);
      }
    }

    heading(document, "Verification");
    if (record.verification().isEmpty()) {
      document.add(new Paragraph("No verification took place.", BODY));
    } else {
      PdfPTable checks = table(new float[] {30, 14, 14, 42}, "Check", "Applies", "Result", "Notes");
      for (Check check : record.verification()) {
        row(
            checks,
            check.name(),
            yesNo(check.applies()),
            check.passed() == null ? "-" : check.passed() ? "passed" : "FAILED",
            check.notes());
      }
      document.add(checks);
    }

    heading(document, "Health checks");
    healthChecks(document, record.healthChecks());

    heading(document, "Documentation");
    PdfPTable documentation = pairs();
    pair(documentation, "Issues and resolutions", record.issuesAndResolutions());
    pair(documentation, "Post-deployment metrics", record.postDeploymentMetrics());
    pair(documentation, "Lessons learned", record.lessonsLearned());
    document.add(documentation);

    heading(document, "Metrics");
    DeploymentRecord.Metrics metrics = record.metrics();
    PdfPTable figures = pairs();
    pair(figures, "Outcome", metrics.outcome());
    pair(figures, "Lead time (submitted to deployed)", Readable.duration(metrics.leadTime()));
    pair(
        figures,
        "Review time per round",
        String.join(", ", metrics.reviewTimes().stream().map(Readable::duration).toList()));
    pair(
        figures,
        "Review SLA",
        "%s; %d of %d rounds within"
            .formatted(
                Readable.duration(metrics.reviewSla()),
                metrics.reviewsWithinSla(),
                metrics.reviewTimes().size()));
    pair(figures, "Revisions", String.valueOf(metrics.revisions()));
    pair(figures, "Started on time", yesNo(metrics.windowStartedOnTime()));
    pair(figures, "Finished inside the window", yesNo(metrics.windowFinishedInside()));
    document.add(figures);

    heading(document, "Timeline");
    PdfPTable timeline = table(new float[] {40, 22, 22, 16}, "Step", "Started", "Ended", "By");
    for (Step step : record.steps()) {
      row(
          timeline,
          step.name(),
          time(step.started()),
          step.ended() == null ? "in progress" : time(step.ended()),
          people.name(step.user()));
    }
    document.add(timeline);
  }

  /**
   * Each phase's analysis and every probe. A row shows the time of day to the second, as the forms'
   * summary does (probes are seconds apart); the phase's line names the days and the zone. The
   * verdict is written out: the summary's symbols are not in the PDF's standard fonts.
   */
  private void healthChecks(Document document, DeploymentRecord.Health health) {
    List<HealthPhase> phases = List.of(health.execution(), health.watch());
    if (phases.stream().allMatch(phase -> phase.probes().isEmpty())) {
      document.add(new Paragraph("No health check has run.", BODY));
      return;
    }
    for (HealthPhase phase : phases) {
      List<HealthProbe> probes = phase.probes();
      if (probes.isEmpty()) {
        document.add(new Paragraph(phase.label() + ": no probe ran.", BODY));
        continue;
      }
      Paragraph line =
          new Paragraph(
              "%s: %s. %d %s, %s - %s"
                  .formatted(
                      phase.label(),
                      phase.state(),
                      probes.size(),
                      probes.size() == 1 ? "probe" : "probes",
                      time(probes.get(0).probedAt()),
                      time(probes.get(probes.size() - 1).probedAt())),
              LABEL);
      line.setSpacingBefore(6);
      line.setSpacingAfter(4);
      document.add(line);
      PdfPTable table =
          table(
              new float[] {13, 18, 5, 12, 15, 37},
              "Time",
              "Check",
              "#",
              "Value",
              "Verdict",
              "Message");
      table.setComplete(false);
      for (int i = 0; i < probes.size(); i++) {
        HealthProbe probe = probes.get(i);
        row(
            table,
            Readable.timeOfDay(probe.probedAt(), zone),
            probe.check(),
            String.valueOf(probe.attempt()),
            probe.value(),
            probe.verdict(),
            probe.message());
        if ((i + 1) % ROWS_AT_A_TIME == 0 && i + 1 < probes.size()) {
          document.add(table);
        }
      }
      table.setComplete(true);
      document.add(table);
    }
  }

  private static void heading(Document document, String text) {
    Paragraph heading = new Paragraph(text, HEADING);
    heading.setSpacingBefore(12);
    heading.setSpacingAfter(4);
    document.add(heading);
  }

  private static PdfPTable pairs() {
    PdfPTable table = new PdfPTable(new float[] {30, 70});
    table.setWidthPercentage(100);
    return table;
  }

  private static void pair(PdfPTable table, String label, String value) {
    table.addCell(cell(label, LABEL, SHADE));
    table.addCell(cell(value, BODY, null));
  }

  private static PdfPTable table(float[] widths, String... headers) {
    PdfPTable table = new PdfPTable(widths);
    table.setWidthPercentage(100);
    table.setHeaderRows(1);
    for (String header : headers) {
      table.addCell(cell(header, LABEL, SHADE));
    }
    return table;
  }

  private static void row(PdfPTable table, String... values) {
    for (String value : values) {
      table.addCell(cell(value, BODY, null));
    }
  }

  private static PdfPCell cell(String text, Font font, Color background) {
    PdfPCell cell = new PdfPCell(new Phrase(text == null || text.isBlank() ? "-" : text, font));
    cell.setPadding(4);
    cell.setBorderColor(Color.LIGHT_GRAY);
    if (background != null) {
      cell.setBackgroundColor(background);
    }
    return cell;
  }

  private String window(Window window) {
    return window == null ? "-" : time(window.start()) + " - " + time(window.end());
  }

  private String time(Instant instant) {
    return instant == null ? "-" : Readable.dateTime(instant, zone);
  }

  private static String yesNo(Boolean value) {
    return value == null ? "-" : value ? "yes" : "no";
  }

  /** "DR-2026-0042 - page 2" at the foot of every page. */
  private static final class Footer extends PdfPageEventHelper {
    private final String number;

    Footer(String number) {
      this.number = number;
    }

    @Override
    public void onEndPage(PdfWriter writer, Document document) {
      Rectangle page = document.getPageSize();
      ColumnText.showTextAligned(
          writer.getDirectContent(),
          Element.ALIGN_CENTER,
          new Phrase(
              new Chunk(
                  "Deployment record %s - page %d".formatted(number, writer.getPageNumber()),
                  SMALL)),
          (page.getLeft() + page.getRight()) / 2,
          page.getBottom() + 24,
          0);
    }
  }
}
