package in.bontonsoftwares.deploymentrequest.process;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableTest {

  @Test
  void shouldReadTextTrimmedAndBlankTextAsAbsent() {
    assertThat(PROJECT_NAME.read("  Payments ")).isEqualTo("Payments");
    assertThat(PROJECT_NAME.read("   ")).isNull();
    assertThat(PROJECT_NAME.read("")).isNull();
    assertThat(PROJECT_NAME.read(null)).isNull();
    // a number or a boolean sent where text is expected reads as its text
    assertThat(VERSION.read(2)).isEqualTo("2");
  }

  @Test
  void shouldReadFlagsFromBooleansAndFromTheTextFormsAndRestSend() {
    assertThat(SMOKE_TESTS_APPLY.read(true)).isTrue();
    assertThat(SMOKE_TESTS_APPLY.read(false)).isFalse();
    assertThat(SMOKE_TESTS_APPLY.read("true")).isTrue();
    assertThat(SMOKE_TESTS_APPLY.read(" TRUE ")).isTrue();
    assertThat(SMOKE_TESTS_APPLY.read("false")).isFalse();
    assertThat(SMOKE_TESTS_APPLY.read("yes")).isFalse();
    assertThat(SMOKE_TESTS_APPLY.read(null)).isFalse();
  }

  @Test
  void shouldReadNumbersAlsoAsTextAndFallBackToTheDeclaredDefault() {
    assertThat(REVISION.read(3)).isEqualTo(3);
    assertThat(REVISION.read(4L)).isEqualTo(4);
    assertThat(REVISION.read(" 5 ")).isEqualTo(5);
    assertThat(REVISION.read(null)).isEqualTo(1);
    assertThat(REVISION.read("two")).isEqualTo(1);
    assertThat(CALENDAR_SEQUENCE.read(null)).isEqualTo(0);
  }

  @Test
  void shouldReadDatesOnlyFromDates() {
    Date date = new Date(1_780_000_000_000L);
    assertThat(CONFIRMED_WINDOW_START_AT.read(date)).isSameAs(date);
    // the text of a window is the form's; the instant is stored by the validator alone
    assertThat(CONFIRMED_WINDOW_START_AT.read("2026-12-01T22:00Z")).isNull();
    assertThat(CONFIRMED_WINDOW_START_AT.read(null)).isNull();
  }

  @Test
  void shouldReadAndWriteThroughProcessVariables() {
    Map<String, Object> values = new HashMap<>();
    ProcessVariables v = ProcessVariables.of(values);
    assertThat(v.has(REVISION)).isFalse();
    assertThat(v.get(REVISION)).isEqualTo(1);
    assertThat(v.text(REVIEW_COMMENTS)).isEmpty();

    v.set(REVISION, 2);
    v.set(REVIEW_COMMENTS, " fine ");
    v.set(WITHDRAW_REQUEST, false);

    assertThat(values).containsEntry("revision", 2).containsEntry("reviewComments", " fine ");
    assertThat(v.get(REVISION)).isEqualTo(2);
    assertThat(v.text(REVIEW_COMMENTS)).isEqualTo("fine");
    assertThat(v.has(WITHDRAW_REQUEST)).isTrue();
  }

  @Test
  void shouldDeclareEveryVariableOnceAndNameItInVar() throws Exception {
    List<Field> declarations =
        Arrays.stream(DeploymentRequestProcess.Data.class.getFields())
            .filter(field -> Modifier.isStatic(field.getModifiers()))
            .filter(field -> field.getType() == Variable.class)
            .toList();
    List<String> names = declarations.stream().map(VariableTest::name).toList();
    assertThat(names).doesNotHaveDuplicates();
    for (Field declaration : declarations) {
      assertThat(DeploymentRequestProcess.Var.class.getField(declaration.getName()).get(null))
          .as(declaration.getName())
          .isEqualTo(name(declaration));
    }
  }

  @Test
  void shouldNameTheChecklistFieldsAfterTheItem() {
    assertThat(checklistAnswer("CodeReviewed").name()).isEqualTo("checklistCodeReviewed");
    assertThat(checklistAnswer("CodeReviewed").read("true")).isTrue();
    assertThat(checklistEvidence("CodeReviewed").name()).isEqualTo("checklistCodeReviewedEvidence");
  }

  @Test
  void shouldListTheFiveReviewPointsOnceWithTheirFormFields() {
    assertThat(ReviewPoint.variables())
        .extracting(Variable::name)
        .containsExactly(
            "reviewPrerequisitesVerified",
            "reviewCodeAndConfiguration",
            "reviewSecurityAndCompliance",
            "reviewInfrastructureReady",
            "reviewRisksAndDependencies");
  }

  private static String name(Field field) {
    try {
      return ((Variable<?>) field.get(null)).name();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
