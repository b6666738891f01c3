package in.bontonsoftwares.deploymentrequest.pipeline;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.freeze.ActiveFreezes;
import in.bontonsoftwares.deploymentrequest.pipeline.GateDecision.Decision;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data;
import in.bontonsoftwares.deploymentrequest.request.TestValidators;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
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

  final GateRule rule =
      new GateRule(properties(), (environment, project, at, excused) -> Optional.empty());

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

  @Test
  void shouldStopADeploymentOfAnotherCommitWhenTheAskerNamesOne() {
    Instant inside = OPENS.plusSeconds(60);
    String commit = "9fceb02d0ae598e95dc970b74767f19372d61af8";
    RequestSnapshot request =
        snapshot(
            false, null, Set.of(EXECUTE_DEPLOYMENT), Map.of(Data.COMMIT_SHA.name(), "9FCEB02"));
    GateRule.Question same = new GateRule.Question("production", "2.4.1", DIGEST, commit);
    GateRule.Question other =
        new GateRule.Question("production", "2.4.1", DIGEST, "1" + commit.substring(1));

    assertThat(rule.decide(request, same, inside).decision()).isEqualTo(Decision.GO);
    GateDecision stopped = rule.decide(request, other, inside);
    assertThat(stopped.decision()).isEqualTo(Decision.STOP);
    assertThat(stopped.reason()).isEqualTo("COMMIT_MISMATCH");
    assertThat(stopped.message()).contains("DR-2027-0001", "9FCEB02");
    // a request without a commit cannot be checked against one
    GateDecision unchecked = rule.decide(at(EXECUTE_DEPLOYMENT), same, inside);
    assertThat(unchecked.reason()).isEqualTo("COMMIT_MISMATCH");
    // the REST gate asks without a commit
    assertThat(rule.decide(at(EXECUTE_DEPLOYMENT), ASKED, inside).decision())
        .isEqualTo(Decision.GO);
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

  /** The id of the freeze of {@link #frozenUntil}. */
  static final long INCIDENT_FREEZE = 7;

  /**
   * The rule with a BLOCK freeze "Incident freeze" (id {@link #INCIDENT_FREEZE}) for production
   * from OPENS+10 min to {@code until}.
   */
  static GateRule frozenUntil(Instant until) {
    Instant from = OPENS.plus(Duration.ofMinutes(10));
    return new GateRule(
        properties(),
        (environment, project, at, excused) ->
            environment.equals("production")
                    && !at.isBefore(from)
                    && at.isBefore(until)
                    && !excused.contains(INCIDENT_FREEZE)
                ? Optional.of(new ActiveFreezes.Hold(List.of("Incident freeze"), until))
                : Optional.empty());
  }

  @Test
  void shouldGoInAFreezeThatAnApprovedBreakGlassLetTheWindowInto() {
    Instant frozen = OPENS.plus(Duration.ofMinutes(20));
    GateRule rule = frozenUntil(CLOSES);

    // approved for this freeze (and another): GO
    assertThat(rule.decide(breakGlass(true, "3," + INCIDENT_FREEZE), ASKED, frozen).decision())
        .isEqualTo(Decision.GO);
    // asked for but not approved (refused, or the window scheduled again): FROZEN
    assertThat(
            rule.decide(breakGlass(false, String.valueOf(INCIDENT_FREEZE)), ASKED, frozen).reason())
        .isEqualTo("FROZEN");
    // approved for another freeze only: held by this one
    GateDecision otherFreeze = rule.decide(breakGlass(true, "3"), ASKED, frozen);
    assertThat(otherFreeze.decision()).isEqualTo(Decision.STOP);
    assertThat(otherFreeze.reason()).isEqualTo("FROZEN");
  }

  /** A request in its open window whose confirmed window had a break-glass for these freezes. */
  static RequestSnapshot breakGlass(boolean approved, String freezeIds) {
    return snapshot(
        false,
        null,
        Set.of(EXECUTE_DEPLOYMENT),
        Map.of(
            Data.BREAK_GLASS_APPROVED.name(),
            approved,
            Data.BREAK_GLASS_FREEZE_IDS.name(),
            freezeIds));
  }

  @Test
  void shouldHoldAnOpenWindowWhileAFreezeLastsAndStopWhenItOutlastsTheWindow() {
    Instant frozen = OPENS.plus(Duration.ofMinutes(20));

    // a freeze that ends before the window closes: WAIT until it ends, then GO
    GateRule shortFreeze = frozenUntil(OPENS.plus(Duration.ofMinutes(45)));
    GateDecision held = shortFreeze.decide(at(EXECUTE_DEPLOYMENT), ASKED, frozen);
    assertThat(held.decision()).isEqualTo(Decision.WAIT);
    assertThat(held.reason()).isEqualTo("FROZEN");
    assertThat(held.message()).contains("DR-2027-0001", "\"Incident freeze\"", "10:15 IST");
    assertThat(held.retryAfter()).isEqualTo(Duration.ofMinutes(5));
    assertThat(held.changesAt()).isEqualTo(OPENS.plus(Duration.ofMinutes(45)));
    assertThat(held.closesAt()).isEqualTo(CLOSES);
    assertThat(
            shortFreeze
                .decide(at(EXECUTE_DEPLOYMENT), ASKED, OPENS.plus(Duration.ofMinutes(42)))
                .retryAfter())
        .isEqualTo(Duration.ofMinutes(3));
    assertThat(
            shortFreeze
                .decide(at(EXECUTE_DEPLOYMENT), ASKED, OPENS.plus(Duration.ofMinutes(45)))
                .decision())
        .isEqualTo(Decision.GO);
    assertThat(shortFreeze.decide(at(EXECUTE_DEPLOYMENT), ASKED, OPENS).decision())
        .isEqualTo(Decision.GO);

    // a freeze that lasts until the window closes or longer: STOP, DevSecOps reschedule
    for (Instant until : List.of(CLOSES, CLOSES.plus(Duration.ofDays(1)))) {
      GateDecision stopped = frozenUntil(until).decide(at(EXECUTE_DEPLOYMENT), ASKED, frozen);
      assertThat(stopped.decision()).isEqualTo(Decision.STOP);
      assertThat(stopped.reason()).isEqualTo("FROZEN");
      assertThat(stopped.message()).contains("\"Incident freeze\"", "reschedule");
    }
    // also while the deployment is under way; and the artifact is checked first
    assertThat(
            frozenUntil(CLOSES)
                .decide(at(EXECUTE_DEPLOYMENT, RECORD_DEPLOYMENT_START), ASKED, frozen)
                .reason())
        .isEqualTo("FROZEN");
    assertThat(
            frozenUntil(CLOSES)
                .decide(
                    at(EXECUTE_DEPLOYMENT),
                    new GateRule.Question("production", "9.9", DIGEST),
                    frozen)
                .reason())
        .isEqualTo("VERSION_MISMATCH");
    // before the window opens the window decides
    assertThat(frozenUntil(CLOSES).decide(at(TIMER_WINDOW_OPENS), ASKED, frozen).reason())
        .isEqualTo("WINDOW_NOT_OPEN");
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
