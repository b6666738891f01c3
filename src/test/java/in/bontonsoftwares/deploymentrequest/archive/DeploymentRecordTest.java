package in.bontonsoftwares.deploymentrequest.archive;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.Outcome;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The record of step 7 as auditors get it: from the history, as PDF and JSON, archived once,
 * mailed.
 */
@DependsOnTime
class DeploymentRecordTest extends ProcessTestSupport {

  @Autowired RecordArchive archive;
  @Autowired JdbcTemplate jdbc;

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
    complete(
        request, REVIEW_REQUEST, "sam", TestRequests.review(Value.DECISION_APPROVE, "Good to go"));
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
    assertThat(attachments(mail("Deployment Request Rejected")))
        .containsExactly(request.getBusinessKey() + ".pdf");
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
