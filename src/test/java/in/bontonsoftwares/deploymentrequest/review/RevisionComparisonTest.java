package in.bontonsoftwares.deploymentrequest.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.form.CamundaForms;
import in.bontonsoftwares.deploymentrequest.form.CamundaForms.FormField;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The texts a reviewer of a later revision reads, with the amend form's own labels. */
class RevisionComparisonTest {

  private static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");

  private static List<FormField> fields;

  @BeforeAll
  static void readTheAmendForm() throws IOException {
    fields =
        CamundaForms.fields(
                new ObjectMapper().readTree(Path.of("forms", "amend-request.form").toFile()))
            .stream()
            .filter(field -> !field.readOnly())
            .filter(field -> !RevisionRecorder.NOT_COMPARED.contains(field.key()))
            .toList();
  }

  @Test
  void shouldNameEachChangedFieldByItsLabelWithTheOldAndNewValueAsTheFormShowsThem() {
    // given revision 1 and an amendment of the version, environment, window, a checkbox and an
    // evidence
    Map<String, String> before = new HashMap<>();
    before.put("version", "2.4.1");
    before.put("environment", "staging");
    before.put("windowStart", "2026-12-01T10:00Z");
    before.put("smokeTestsApply", "true");
    before.put("checklistOwnerApprovalEvidence", "PAY-1200");
    before.put("projectName", "Payments");
    Map<String, String> now = new HashMap<>(before);
    now.put("version", "2.4.2");
    now.put("environment", "production");
    now.put("windowStart", "2026-12-02T10:30Z");
    now.put("smokeTestsApply", "false");
    now.put("checklistOwnerApprovalEvidence", "PAY-1201");

    // when they are compared
    String changes = RevisionComparison.changes(2, fields, before, now, ZONE);

    // then each changed field is named as in the form, with both values, and nothing else
    assertThat(changes)
        .startsWith("5 fields changed since revision 1:")
        .contains("Version / artifact\n  was: 2.4.1\n  now: 2.4.2")
        .contains("Environment\n  was: Staging\n  now: Production")
        .contains(
            "Preferred window start\n  was: 1 Dec 2026, 15:30 IST (Asia/Kolkata)\n"
                + "  now: 2 Dec 2026, 16:00 IST (Asia/Kolkata)")
        .contains("Smoke tests by the development team apply\n  was: yes\n  now: no")
        .contains(
            "Business/product owner approval: Evidence (link or note)\n"
                + "  was: PAY-1200\n  now: PAY-1201")
        .doesNotContain("Project name", "version", "smokeTestsApply");
  }

  @Test
  void shouldShowAnEmptiedOrNewValueAndIndentTheLinesOfALongText() {
    Map<String, String> before = Map.of("healthCheckUrl", "https://payments.example.com/health");
    Map<String, String> now = Map.of("changeDescription", "Adds refunds\nand their report");

    String changes = RevisionComparison.changes(3, fields, before, now, ZONE);

    assertThat(changes)
        .startsWith("2 fields changed since revision 2:")
        .contains(
            "Change description\n  was: (empty)\n  now: Adds refunds\n       and their report")
        .contains("Health-check URL\n  was: https://payments.example.com/health\n  now: (empty)");
  }

  @Test
  void shouldSaySoWhenNothingChanged() {
    Map<String, String> same = Map.of("version", "2.4.1", "smokeTestsApply", "false");

    assertThat(RevisionComparison.changes(2, fields, same, Map.of("version", "2.4.1"), ZONE))
        .isEqualTo("No field of the request changed since revision 1.");
  }

  @Test
  void shouldFitATextVariableHoweverLongTheChangedTexts() {
    Map<String, String> before = new HashMap<>();
    Map<String, String> now = new HashMap<>();
    for (FormField field : fields) {
      if (field.type().equals("textarea") || field.type().equals("textfield")) {
        before.put(field.key(), "a".repeat(4000));
        now.put(field.key(), "b".repeat(4000));
      }
    }

    String changes = RevisionComparison.changes(2, fields, before, now, ZONE);

    assertThat(changes.length()).isLessThanOrEqualTo(RevisionComparison.MAX_LENGTH);
    assertThat(changes).contains("Project name\n  was: aaa").containsPattern("and \\d+ more");
  }

  @Test
  void shouldListEarlierRoundsOldestFirstWithDecisionReviewerRiskAndComments() {
    String first =
        RevisionComparison.round(
            1,
            "Request changes",
            "Sofia Secops",
            "Medium",
            "Ship 2.4.2 with the fix.\n\nAnd link PAY-1188.");
    String second = RevisionComparison.round(2, "Request changes", "Sam Operator", "High", null);

    String earlier =
        RevisionComparison.withRound(RevisionComparison.withRound(null, first), second);

    assertThat(earlier)
        .isEqualTo(
            "Revision 1: Request changes by Sofia Secops (risk Medium)\n"
                + "  Ship 2.4.2 with the fix.\n  \n  And link PAY-1188.\n\n"
                + "Revision 2: Request changes by Sam Operator (risk High)\n"
                + "  (no comments)");
  }

  @Test
  void shouldLeaveOutTheOldestRoundsWhenTheyGrowTooLong() {
    String earlier = null;
    for (int round = 1; round <= 5; round++) {
      earlier =
          RevisionComparison.withRound(
              earlier,
              RevisionComparison.round(
                  round, "Request changes", "Sofia Secops", "Low", ("round " + round).repeat(300)));
    }

    assertThat(earlier.length()).isLessThanOrEqualTo(RevisionComparison.MAX_LENGTH);
    assertThat(earlier)
        .startsWith(RevisionComparison.LEFT_OUT)
        .contains("Revision 5: Request changes")
        .doesNotContain("Revision 1:");
  }
}
