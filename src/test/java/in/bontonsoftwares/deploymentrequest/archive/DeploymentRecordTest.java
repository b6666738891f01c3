package in.bontonsoftwares.deploymentrequest.archive;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Outcome;
import in.bontonsoftwares.deploymentrequest.display.Readable;
import in.bontonsoftwares.deploymentrequest.health.AnalysisState;
import in.bontonsoftwares.deploymentrequest.health.HealthChecks;
import in.bontonsoftwares.deploymentrequest.health.LocalServer;
import in.bontonsoftwares.deploymentrequest.health.Phase;
import in.bontonsoftwares.deploymentrequest.health.ProbeResult;
import in.bontonsoftwares.deploymentrequest.health.StoredProbes;
import in.bontonsoftwares.deploymentrequest.health.Verdict;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessTestSupport;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.JobQuery;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The record of step 7 as auditors get it: from the history, as PDF and JSON, archived once,
 * mailed.
 */
@DependsOnTime
class DeploymentRecordTest extends ProcessTestSupport {

  static final LocalServer SERVER = new LocalServer();

  /** Testing checks the request's URL and watches for five minutes (ten rounds). */
  @DynamicPropertySource
  static void checks(DynamicPropertyRegistry registry) {
    registry.add("deployment-request.health.environments.testing.request-check", () -> "true");
    registry.add("deployment-request.health.environments.testing.watch-window", () -> "PT5M");
  }

  @Autowired RecordArchive archive;
  @Autowired JdbcTemplate jdbc;
  @Autowired HealthChecks health;
  @Autowired ApplicationContext context;

  long clockOffset;

  @BeforeEach
  void keepTheClock() {
    clockOffset = TestClock.offset();
  }

  @AfterEach
  void restoreTheClock() {
    TestClock.restore(clockOffset);
  }

  @AfterAll
  static void stopServer() {
    SERVER.close();
  }

  @Test
  void shouldArchiveAndMailARecordOfEverythingThatHappened() throws Exception {
    // given a request that went through a round of changes, then was deployed and verified
    ProcessInstance request = submit("dana", validRequest());
    runDueJobs(request);
    complete(
        request,
        REVIEW_REQUEST,
        "sofia",
        TestRequests.review(Value.DECISION_REQUEST_CHANGES, "Add the rollback script"));
    runDueJobs(request);
    complete(
        request,
        AMEND_REQUEST,
        "dana",
        Map.of(AMENDMENT_NOTES, "Rollback script added", WITHDRAW_REQUEST, false));
    runDueJobs(request);
    approveExecuteAndVerify(request, "sam");
    String ticket =
        DeploymentRequestProcess.Data.CHANGE_TICKET_NUMBER.read(
            runtimeService.getVariable(request.getId(), CHANGE_TICKET_NUMBER));

    // when DevSecOps documents it
    complete(request, DOCUMENT_DEPLOYMENT, "sofia", TestRequests.documentation());
    runDueJobs(request);

    // then the archive holds its record, in PDF and JSON, with the hashes of the files
    ArchivedRecord archived = archive.find(request.getBusinessKey()).orElseThrow();
    assertThat(archived.outcome()).isEqualTo("DEPLOYED");
    assertThat(Path.of(archived.pdfPath())).exists().hasFileName(request.getBusinessKey() + ".pdf");
    assertThat(RecordArchive.sha256(Path.of(archived.pdfPath()))).isEqualTo(archived.pdfSha256());

    String pdf = text(Files.readAllBytes(Path.of(archived.pdfPath())));
    assertThat(pdf)
        .contains(
            "Deployment record " + request.getBusinessKey(),
            "Outcome: Deployed",
            "Request",
            "payments-api",
            "2.4.1",
            "Redeploy 2.4.0",
            "Olivia Oncall",
            "Pre-deployment checklist",
            "Business/product owner approval",
            "Review rounds",
            "Round 1, by Sofia Secops",
            "Decision Request changes",
            "Add the rollback script",
            "Round 2, by Sam Operator",
            "Decision Approve",
            "Good to go",
            "Schedule and execution",
            ticket,
            "Confirmed window",
            "Rolled out to 6 pods",
            "Verification",
            "Health checks",
            "passed",
            "Documentation",
            "p95 latency 180 ms",
            "Announce the window a day earlier",
            "Metrics",
            "Lead time",
            "Revisions",
            "Started on time",
            "Finished inside the window",
            "Timeline",
            "Review deployment request",
            "Execute deployment");

    JsonNode json = new ObjectMapper().readTree(Files.readAllBytes(Path.of(archived.jsonPath())));
    List<HistoricTaskInstance> reviews =
        engine
            .getHistoryService()
            .createHistoricTaskInstanceQuery()
            .processInstanceId(request.getId())
            .taskDefinitionKey(REVIEW_REQUEST)
            .orderByHistoricActivityInstanceStartTime()
            .asc()
            .list();
    assertThat(json.get("reviews")).hasSize(2);
    assertThat(json.get("reviews").get(0).get("decision").asText()).isEqualTo("requestChanges");
    assertThat(json.get("reviews").get(0).get("reviewer").asText()).isEqualTo("sofia");
    assertThat(json.get("reviews").get(0).get("completed").asText())
        .isEqualTo(reviews.get(0).getEndTime().toInstant().toString());
    assertThat(json.get("reviews").get(1).get("decision").asText()).isEqualTo("approve");
    assertThat(json.get("reviews").get(1).get("reviewer").asText()).isEqualTo("sam");
    assertThat(json.get("changeTicket").asText()).isEqualTo(ticket);
    assertThat(json.get("metrics").get("revisions").asInt()).isEqualTo(2);
    assertThat(json.get("metrics").get("leadTime").asText()).startsWith("PT");
    assertThat(json.get("metrics").get("windowFinishedInside").asBoolean()).isTrue();
    assertThat(json.get("metrics").get("reviewsWithinSla").asInt()).isEqualTo(2);
    List<String> executedBy = new ArrayList<>();
    json.get("steps")
        .forEach(
            step -> {
              if (EXECUTE_DEPLOYMENT.equals(step.get("activityId").asText())) {
                executedBy.add(step.get("user").asText());
              }
            });
    assertThat(executedBy).containsExactly("sam");

    // and the mailbox got it attached
    MimeMessage recordMail = mail("Deployment Record");
    assertThat(attachments(recordMail)).containsExactly(request.getBusinessKey() + ".pdf");
  }

  @Test
  void shouldWriteTheRecordOnlyOnce() throws Exception {
    ProcessInstance request = submit("dana", validRequest());
    runDueJobs(request);
    complete(
        request,
        REVIEW_REQUEST,
        "sofia",
        TestRequests.review(Value.DECISION_REJECT, "No business case"));
    runDueJobs(request);
    ArchivedRecord first = archive.find(request.getBusinessKey()).orElseThrow();
    byte[] pdf = Files.readAllBytes(Path.of(first.pdfPath()));
    ProcessVariables variables = ProcessVariables.of(historicVariables(request));

    // a second attempt finds the record
    ArchivedRecord again = archive.archive(request.getId(), variables, Outcome.REJECTED);
    // an attempt after a crash that lost the database row but left the files keeps the files as
    // they are
    jdbc.update("delete from deployment_record where request_number = ?", request.getBusinessKey());
    ArchivedRecord afterCrash = archive.archive(request.getId(), variables, Outcome.REJECTED);

    assertThat(again).isEqualTo(first);
    assertThat(afterCrash.pdfSha256()).isEqualTo(first.pdfSha256());
    assertThat(afterCrash.jsonSha256()).isEqualTo(first.jsonSha256());
    assertThat(Files.readAllBytes(Path.of(first.pdfPath()))).isEqualTo(pdf);
    assertThat(text(pdf)).contains("Outcome: Rejected", "No business case");
    // a request without probes: both phases NONE, with empty lists
    JsonNode healthChecks =
        new ObjectMapper()
            .readTree(Files.readAllBytes(Path.of(first.jsonPath())))
            .get("healthChecks");
    for (String phase : List.of("execution", "watch")) {
      assertThat(healthChecks.get(phase).get("state").asText()).isEqualTo("NONE");
      assertThat(healthChecks.get(phase).get("probes").isArray()).isTrue();
      assertThat(healthChecks.get(phase).get("probes")).isEmpty();
    }
    assertThat(text(pdf)).contains("Health checks No health check has run. Documentation");
    assertThat(attachments(mail("Deployment Request Rejected")))
        .containsExactly(request.getBusinessKey() + ".pdf");
  }

  @Test
  void shouldRecordEveryHealthProbeWhenTheChecksRanDuringExecutionAndTheWatchWindow()
      throws Exception {
    // given a deployed request whose health endpoint fails once during execution (within the
    // failure limit of 1) and twice in the watch window, measured by the real probe rounds
    String path = "/health/" + UUID.randomUUID();
    AtomicInteger calls = new AtomicInteger();
    SERVER.handle(
        path,
        exchange -> {
          int call = calls.incrementAndGet();
          LocalServer.answer(
              exchange,
              call == 4 || call == 12 || call == 13 ? 503 : 200,
              "application/json",
              "{\"status\":\"UP\"}");
        });
    Map<String, Object> form = validRequest();
    form.put(ENVIRONMENT, "testing");
    form.put(HEALTH_CHECK_URL, SERVER.url(path));
    ProcessInstance request = submit("dana", form);
    runDueJobs(request);
    complete(request, REVIEW_REQUEST, "sofia", TestRequests.review(Value.DECISION_APPROVE, "Good"));
    complete(request, SCHEDULE_DEPLOYMENT, "sofia", TestRequests.scheduleNow());
    runDueJobs(request);
    String number = request.getBusinessKey();
    taskService.claim(task(request, EXECUTE_DEPLOYMENT).getId(), "sam");
    roundsUntil(request, () -> health.state(number, Phase.EXECUTION).finished());
    complete(request, EXECUTE_DEPLOYMENT, "sam", Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS));
    roundsUntil(request, () -> task(request, ROLL_BACK_DEPLOYMENT) != null);
    assertThat(health.state(number, Phase.EXECUTION)).isEqualTo(AnalysisState.SUCCESSFUL);
    assertThat(health.state(number, Phase.WATCH)).isEqualTo(AnalysisState.FAILED);
    List<ProbeResult> probes = health.results(number);
    assertThat(probes).hasSize(13);

    // when DevSecOps roll it back (testing has no rollback webhook) and document it
    complete(
        request,
        ROLL_BACK_DEPLOYMENT,
        "sam",
        Map.of(ROLLBACK_COMPLETED, true, ROLLBACK_NOTES, "2.4.0 redeployed"));
    runDueJobs(request);
    complete(request, DOCUMENT_DEPLOYMENT, "sofia", TestRequests.documentation());
    runDueJobs(request);

    // then the archived JSON carries each probe under its phase, with the phase's analysis
    ArchivedRecord archived = archive.find(number).orElseThrow();
    JsonNode json = new ObjectMapper().readTree(Files.readAllBytes(Path.of(archived.jsonPath())));
    JsonNode execution = json.get("healthChecks").get("execution");
    JsonNode watch = json.get("healthChecks").get("watch");
    assertThat(execution.get("phase").asText()).isEqualTo("EXECUTION");
    assertThat(execution.get("label").asText()).isEqualTo("During execution");
    assertThat(execution.get("state").asText()).isEqualTo("SUCCESSFUL");
    assertThat(watch.get("phase").asText()).isEqualTo("WATCH");
    assertThat(watch.get("label").asText()).isEqualTo("Watch window");
    assertThat(watch.get("state").asText()).isEqualTo("FAILED");
    List<JsonNode> recorded = new ArrayList<>();
    execution.get("probes").forEach(recorded::add);
    watch.get("probes").forEach(recorded::add);
    assertThat(execution.get("probes")).hasSize(10);
    assertThat(watch.get("probes")).hasSize(3);
    assertThat(recorded)
        .extracting(
            probe ->
                List.<Object>of(
                    probe.get("probedAt").asText(),
                    probe.get("check").asText(),
                    probe.get("attempt").asInt(),
                    probe.get("value").asText(),
                    probe.get("verdict").asText(),
                    probe.get("message").asText()))
        .containsExactlyElementsOf(
            probes.stream()
                .map(
                    probe ->
                        List.<Object>of(
                            probe.probedAt().toString(),
                            "health-check-url",
                            probe.attempt(),
                            probe.value(),
                            probe.verdict().name(),
                            probe.message()))
                .toList());
    assertThat(recorded.get(3).get("verdict").asText()).isEqualTo("FAILED");
    assertThat(recorded.get(3).get("message").asText()).isEqualTo("status 503, expected 2xx");

    // and the PDF has a section after the verification with a row for each probe
    String pdf = text(Files.readAllBytes(Path.of(archived.pdfPath())));
    assertThat(pdf)
        .containsSubsequence(
            "Verification",
            "Health checks During execution: SUCCESSFUL. 10 probes, ",
            "Watch window: FAILED. 3 probes, ",
            "Documentation")
        .contains("Time Check # Value Verdict Message");
    for (ProbeResult probe : probes) {
      assertThat(pdf).contains(row(probe));
    }
  }

  @Test
  void shouldRenderEveryOneOfHundredsOfProbesAndWrapTheirLongMessages() throws Exception {
    // given a request with 300 stored probes of every verdict, some with long messages
    ProcessInstance request = submit("dana", validRequest());
    runDueJobs(request);
    String number = request.getBusinessKey();
    Instant start = TestClock.now();
    List<ProbeResult> probes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Phase phase = i < 150 ? Phase.EXECUTION : Phase.WATCH;
      String message =
          "answer "
              + (i + 1)
              + " of 300"
              + (i % 40 == 0 ? " " + "took longer than expected ".repeat(30) : "");
      probes.add(
          new ProbeResult(
              number,
              i % 2 == 0 ? "health-check-url" : "error-rate",
              phase,
              i % 150 / 2 + 1,
              start.plusSeconds(i),
              i % 2 == 0 ? "200" : "0.0" + i % 10,
              Verdict.values()[i % Verdict.values().length],
              message.strip()));
    }
    StoredProbes.store(context, "production", probes);

    // when its record is made (rejected)
    complete(request, REVIEW_REQUEST, "sofia", TestRequests.review(Value.DECISION_REJECT, "No"));
    runDueJobs(request);

    // then the JSON and the PDF hold every one, the long messages whole
    ArchivedRecord archived = archive.find(number).orElseThrow();
    JsonNode json = new ObjectMapper().readTree(Files.readAllBytes(Path.of(archived.jsonPath())));
    assertThat(json.get("healthChecks").get("execution").get("probes")).hasSize(150);
    assertThat(json.get("healthChecks").get("watch").get("probes")).hasSize(150);
    byte[] pdf = Files.readAllBytes(Path.of(archived.pdfPath()));
    String text = text(pdf);
    for (ProbeResult probe : probes) {
      assertThat(text).contains(row(probe));
    }
    assertThat(text).containsSubsequence("Watch window: ", "Documentation", "Metrics", "Timeline");
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isGreaterThan(5);
    }
  }

  /**
   * The request's probe rounds as the job executor runs them, the clock moved on to each due timer
   * (every PT30S by default), until {@code done}.
   */
  private void roundsUntil(ProcessInstance request, BooleanSupplier done) {
    for (int round = 0; round < 100 && !done.getAsBoolean(); round++) {
      runDueJobs(request);
      if (!done.getAsBoolean()) {
        jobs(request, JobQuery::timers, false).stream()
            .map(Job::getDuedate)
            .min(Date::compareTo)
            .ifPresent(
                due -> {
                  Duration untilDue = Duration.between(TestClock.now(), due.toInstant());
                  TestClock.advance(untilDue.isNegative() ? Duration.ZERO : untilDue.plusMillis(1));
                });
      }
    }
    assertThat(done.getAsBoolean()).as("the rounds ended").isTrue();
  }

  /** A probe's row in the PDF's text: the time of day in the app's zone, check, #, value ... */
  private String row(ProbeResult probe) {
    return String.join(
        " ",
        Readable.timeOfDay(probe.probedAt(), properties.timeZone()),
        probe.check(),
        String.valueOf(probe.attempt()),
        probe.value(),
        probe.verdict().name(),
        probe.message());
  }

  /** From "Review deployment request" open: approved, scheduled, executed and verified. */
  private void approveExecuteAndVerify(ProcessInstance request, String reviewer) {
    complete(
        request,
        REVIEW_REQUEST,
        reviewer,
        TestRequests.review(Value.DECISION_APPROVE, "Good to go"));
    runDueJobs(request);
    complete(request, SCHEDULE_DEPLOYMENT, "sofia", TestRequests.scheduleNow());
    runDueJobs(request);
    complete(
        request,
        EXECUTE_DEPLOYMENT,
        "sam",
        Map.of(EXECUTION_OUTCOME, Value.OUTCOME_SUCCESS, EXECUTION_NOTES, "Rolled out to 6 pods"));
    complete(
        request,
        VERIFY_HEALTH,
        "sam",
        Map.of(HEALTH_CHECKS_PASSED, true, DASHBOARDS_REVIEWED, true));
    runDueJobs(request);
  }

  private Map<String, Object> historicVariables(ProcessInstance request) {
    Map<String, Object> values = new HashMap<>();
    engine
        .getHistoryService()
        .createHistoricVariableInstanceQuery()
        .processInstanceId(request.getId())
        .list()
        .forEach(variable -> values.put(variable.getName(), variable.getValue()));
    return values;
  }

  private static String text(byte[] pdf) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
  }

  private static List<String> attachments(Part part) throws Exception {
    List<String> names = new ArrayList<>();
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        if (Part.ATTACHMENT.equalsIgnoreCase(body.getDisposition())) {
          names.add(body.getFileName());
        } else {
          names.addAll(attachments(body));
        }
      }
    }
    return names;
  }
}
