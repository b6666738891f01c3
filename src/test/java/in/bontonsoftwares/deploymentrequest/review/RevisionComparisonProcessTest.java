package in.bontonsoftwares.deploymentrequest.review;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;

import in.bontonsoftwares.deploymentrequest.DependsOnTime;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Value;
import in.bontonsoftwares.deploymentrequest.process.ProcessTestSupport;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** A request that comes back for review shows the reviewer what changed and the earlier reviews. */
@DependsOnTime
class RevisionComparisonProcessTest extends ProcessTestSupport {

  @Test
  void shouldShowTheChangedFieldsAndTheEarlierReviewsWhenAnAmendmentIsResubmitted()
      throws Exception {
    // given revision 1, sent back by sofia
    ProcessInstance request = submit("dana", validRequest());
    runDueJobs(request);
    assertThat(runtimeService.getVariable(request.getId(), REVISION_CHANGES)).isNull();
    complete(
        request,
        REVIEW_REQUEST,
        "sofia",
        TestRequests.review(Value.DECISION_REQUEST_CHANGES, "2.4.1 has PAY-1188: ship 2.4.2."));
    runDueJobs(request);

    // when dana amends the version and the change description and it is submitted again
    complete(
        request,
        AMEND_REQUEST,
        "dana",
        Map.of(
            VERSION,
            "2.4.2",
            CHANGE_DESCRIPTION,
            "Adds refunds by bank transfer; fixes the payout rounding (PAY-1188)",
            AMENDMENT_NOTES,
            "2.4.2 fixes PAY-1188",
            WITHDRAW_REQUEST,
            false));
    runDueJobs(request);

    // then the review of revision 2 shows both changes with their old values, and round 1's
    // review by name and label
    assertThat(task(request, REVIEW_REQUEST)).isNotNull();
    Map<String, Object> v = runtimeService.getVariables(request.getId());
    assertThat(v.get(REVISION_CHANGES))
        .isEqualTo(
            "2 fields changed since revision 1:\n\n"
                + "Version / artifact\n  was: 2.4.1\n  now: 2.4.2\n\n"
                + "Change description\n  was: Adds refunds by bank transfer\n"
                + "  now: Adds refunds by bank transfer; fixes the payout rounding (PAY-1188)");
    assertThat(v.get(EARLIER_REVIEWS))
        .isEqualTo(
            "Revision 1: Request changes by Sofia Secops (risk Medium)\n"
                + "  2.4.1 has PAY-1188: ship 2.4.2.");
    assertThat(v.get(REVIEW_DECISION)).as("round 1's answers are cleared").isNull();
    MimeMessage resubmitted = mails().get(mails().size() - 1);
    assertThat(resubmitted.getSubject()).contains("(Revision 2)");
    assertThat(unixText(resubmitted))
        .contains(
            "Changed since the previous revision",
            "Version / artifact\n  was: 2.4.1\n  now: 2.4.2",
            "Earlier reviews",
            "Revision 1: Request changes by Sofia Secops (risk Medium)");

    // when sofia sends it back once more and dana changes nothing but her note
    complete(
        request,
        REVIEW_REQUEST,
        "sofia",
        TestRequests.review(Value.DECISION_REQUEST_CHANGES, "Link the migration review."));
    runDueJobs(request);
    complete(
        request,
        AMEND_REQUEST,
        "dana",
        Map.of(AMENDMENT_NOTES, "Linked in PAY-1188", WITHDRAW_REQUEST, false));
    runDueJobs(request);

    // then revision 3 says that no field changed, and lists both earlier rounds
    v = runtimeService.getVariables(request.getId());
    assertThat(v.get(REVISION)).isEqualTo(3);
    assertThat(v.get(REVISION_CHANGES))
        .isEqualTo("No field of the request changed since revision 2.");
    assertThat((String) v.get(EARLIER_REVIEWS))
        .startsWith("Revision 1: Request changes by Sofia Secops (risk Medium)")
        .endsWith(
            "\n\nRevision 2: Request changes by Sofia Secops (risk Medium)\n"
                + "  Link the migration review.");
  }

  /** The plain-text part of a mail with its line ends as written. */
  private static String unixText(Part part) throws Exception {
    return text(part).replace("\r\n", "\n");
  }
}
