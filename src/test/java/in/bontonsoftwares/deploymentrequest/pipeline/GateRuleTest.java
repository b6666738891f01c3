package in.bontonsoftwares.deploymentrequest.pipeline;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.pipeline.GateDecision.Decision;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data;
import in.bontonsoftwares.deploymentrequest.request.TestValidators;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gate's one rule, decision by decision, and the states it reads. No engine needed. */
class GateRuleTest {

  static final Instant OPENS = Instant.parse("2027-03-05T04:00:00Z");
  static final Instant CLOSES = OPENS.plus(Duration.ofHours(2));
  static final String DIGEST = "sha256:" + "0f".repeat(32);
  static final GateRule.Question ASKED = new GateRule.Question("production", "2.4.1", DIGEST);

  final GateRule rule = new GateRule(properties(), (environment, project, at) -> Optional.empty());

  static DeploymentRequestProperties properties() {
    DeploymentRequestProperties properties = mock(DeploymentRequestProperties.class);
    when(properties.timeZone()).thenReturn(TestValidators.APP_ZONE);
    return properties;
  }

  static RequestSnapshot at(String... activities) {
    return snapshot(false, null, Set.of(activities), Map.of());
  }

  static RequestSnapshot ended(String endActivityId) {
    return snapshot(true, endActivityId, Set.of(), Map.of());
  }

  static RequestSnapshot snapshot(
      boolean ended, String end, Set<String> activities, Map<String, Object> extra) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Data.ENVIRONMENT.name(), "production");
    variables.put(Data.VERSION.name(), "2.4.1");
    variables.put(Data.ARTIFACT_DIGEST.name(), DIGEST);
    variables.put(Data.CONFIRMED_WINDOW_START_AT.name(), Date.from(OPENS));
    variables.put(Data.CONFIRMED_WINDOW_END_AT.name(), Date.from(CLOSES));
    variables.putAll(extra);
    return new RequestSnapshot(
        "DR-2027-0001", "pi-1", "dana", ended, end, activities, variables, OPENS, null);
  }

  static Stream<Arguments> decisions() {
    Instant inside = OPENS.plusSeconds(60);
    return Stream.of(
        Arguments.of(at(CHECK_CHECKLIST), inside, Decision.WAIT, "IN_REVIEW"),
        Arguments.of(at(COMPLETE_CHECKLIST), inside, Decision.WAIT, "CHECKLIST_INCOMPLETE"),
        Arguments.of(at(REVIEW_REQUEST), inside, Decision.WAIT, "IN_REVIEW"),
        Arguments.of(at(REVIEW_REQUEST, SEND_ESCALATION_EMAIL), inside, Decision.WAIT, "IN_REVIEW"),
        Arguments.of(at(AMEND_REQUEST), inside, Decision.WAIT, "CHANGES_REQUESTED"),
        Arguments.of(at(SCHEDULE_DEPLOYMENT), inside, Decision.WAIT, "NOT_SCHEDULED"),
        Arguments.of(at(RESET_EXECUTION_OUTCOME), inside, Decision.WAIT, "NOT_SCHEDULED"),
        Arguments.of(
            at(TIMER_WINDOW_OPENS), OPENS.minusSeconds(60), Decision.WAIT, "WINDOW_NOT_OPEN"),
        // the window's time has come but its timer has not fired: not yet
        Arguments.of(at(TIMER_WINDOW_OPENS), inside, Decision.WAIT, "WINDOW_NOT_OPEN"),
        Arguments.of(at(MARK_CHANGE_IN_PROGRESS), inside, Decision.WAIT, "WINDOW_NOT_OPEN"),
        Arguments.of(at(TIMER_WINDOW_OPENS), CLOSES, Decision.STOP, "WINDOW_CLOSED"),
        Arguments.of(at(EXECUTE_DEPLOYMENT), inside, Decision.GO, "APPROVED_IN_WINDOW"),
        Arguments.of(
            at(EXECUTE_DEPLOYMENT, RECORD_DEPLOYMENT_START),
            inside,
            Decision.GO,
            "APPROVED_IN_WINDOW"),
        Arguments.of(
            at(EXECUTE_DEPLOYMENT), CLOSES.minusMillis(1), Decision.GO, "APPROVED_IN_WINDOW"),
        Arguments.of(at(EXECUTE_DEPLOYMENT), CLOSES, Decision.STOP, "WINDOW_CLOSED"),
        Arguments.of(
            at(EXECUTE_DEPLOYMENT), OPENS.minusSeconds(1), Decision.WAIT, "WINDOW_NOT_OPEN"),
        Arguments.of(at(VERIFY_HEALTH, RUN_SMOKE_TESTS), inside, Decision.STOP, "FINISHED"),
        Arguments.of(at(ROLL_BACK_DEPLOYMENT), inside, Decision.STOP, "FINISHED"),
        Arguments.of(at(DOCUMENT_DEPLOYMENT), inside, Decision.STOP, "FINISHED"),
        Arguments.of(at(SEND_REJECTION_EMAIL), inside, Decision.STOP, "REJECTED"),
        Arguments.of(at(ARCHIVE_WITHDRAWAL_RECORD), inside, Decision.STOP, "WITHDRAWN"),
        Arguments.of(ended(END_DEPLOYED), inside, Decision.STOP, "FINISHED"),
        Arguments.of(ended(END_ROLLED_BACK), inside, Decision.STOP, "FINISHED"),
        Arguments.of(ended(END_REJECTED), inside, Decision.STOP, "REJECTED"),
        Arguments.of(ended(END_WITHDRAWN), inside, Decision.STOP, "WITHDRAWN"),
        Arguments.of(ended(null), inside, Decision.STOP, "CANCELLED"));
  }

  @ParameterizedTest(name = "{0}, {1}: {2} {3}")
  @MethodSource("decisions")
  void shouldDecide(RequestSnapshot request, Instant now, Decision decision, String reason) {
    GateDecision decided = rule.decide(request, ASKED, now);

    assertThat(decided.decision()).isEqualTo(decision);
    assertThat(decided.reason()).isEqualTo(reason);
    assertThat(decided.message()).contains("DR-2027-0001");
    if (decision == Decision.WAIT) {
      assertThat(decided.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofMinutes(5));
    } else {
      assertThat(decided.retryAfter()).isNull();
    }
  }

  @Test
  void shouldStopAnotherArtifactInEveryStateBeforeTheEnd() {
    Instant inside = OPENS.plusSeconds(60);
    for (String activity : new String[] {REVIEW_REQUEST, TIMER_WINDOW_OPENS, EXECUTE_DEPLOYMENT}) {
      RequestSnapshot request = at(activity);
      assertThat(
              rule.decide(request, new GateRule.Question("staging", "2.4.1", DIGEST), inside)
                  .reason())
          .isEqualTo("ENVIRONMENT_MISMATCH");
      assertThat(
              rule.decide(request, new GateRule.Question("production", "2.4.10", DIGEST), inside)
                  .reason())
          .isEqualTo("VERSION_MISMATCH");
      assertThat(
              rule.decide(request, new GateRule.Question("production", "2.4.1", null), inside)
                  .reason())
          .isEqualTo("DIGEST_MISMATCH");
      assertThat(
              rule.decide(
                      request,
                      new GateRule.Question("production", "2.4.1", "sha256:" + "1".repeat(64)),
                      inside)
                  .decision())
          .isEqualTo(Decision.STOP);
    }
    // a request that named no digest lets any artifact of its version through
    Map<String, Object> noDigest = new HashMap<>();
    noDigest.put(Data.ARTIFACT_DIGEST.name(), null);
    RequestSnapshot undigested = snapshot(false, null, Set.of(EXECUTE_DEPLOYMENT), noDigest);
    assertThat(
            rule.decide(undigested, new GateRule.Question("production", "2.4.1", null), inside)
                .decision())
        .isEqualTo(Decision.GO);
  }

  @Test
  void shouldTellWhenTheWindowOpensAndWhenToAskAgain() {
    GateDecision early =
        rule.decide(at(TIMER_WINDOW_OPENS), ASKED, OPENS.minus(Duration.ofMinutes(2)));

    assertThat(early.opensAt()).isEqualTo(OPENS);
    assertThat(early.closesAt()).isEqualTo(CLOSES);
    assertThat(early.retryAfter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(early.changesAt()).isEqualTo(OPENS);
    assertThat(
            rule.decide(at(TIMER_WINDOW_OPENS), ASKED, OPENS.minus(Duration.ofHours(3)))
                .retryAfter())
        .isEqualTo(Duration.ofMinutes(5));
    GateDecision go = rule.decide(at(EXECUTE_DEPLOYMENT), ASKED, OPENS);
    assertThat(go.changesAt()).isEqualTo(CLOSES);
    assertThat(go.message()).contains("until 5 Mar 2027, 11:30 IST (Asia/Kolkata)");
  }

  @Test
  void shouldKnowTheStateAtEveryFlowNodeOfTheModel() throws Exception {
    BpmnModelInstance model;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream(DeploymentRequestProcess.RESOURCE)) {
      model = Bpmn.readModelFromStream(in);
    }
    assertThat(model.getModelElementsByType(FlowNode.class))
        .extracting(FlowNode::getId)
        .allSatisfy(id -> assertThat(RequestState.BY_ACTIVITY.containsKey(id)).as(id).isTrue());
    assertThat(RequestState.BY_ACTIVITY.keySet())
        .allSatisfy(id -> assertThat(model.<FlowNode>getModelElementById(id)).as(id).isNotNull());
    assertThat(
            snapshot(
                    false,
                    null,
                    Set.of(EXECUTE_DEPLOYMENT),
                    Map.of(Data.DEPLOYMENT_STARTED_AT.name(), new Date()))
                .state())
        .isEqualTo(RequestState.DEPLOYING);
  }
}
