package in.bontonsoftwares.deploymentrequest.review;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.form.CamundaForms.FormField;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * At each submission to DevSecOps: for revision 2 and later, writes what changed since the previous
 * submission ({@code revisionChanges}) and adds the previous round's review to {@code
 * earlierReviews}, before the review answers are cleared; then notes which value of each field this
 * submission had ({@code submittedFields}: how many values its variable had had by then, in the
 * history's order of occurrence) for the next revision. Computed once, in the submission's
 * transaction, so the review form and the mail show the same text.
 */
@Component
class RevisionRecorder {

  /** The form whose fields the requester amends: the fields that are compared. */
  static final String AMEND_FORM = "amendRequest";

  /** The form whose options name the decision and the risk level. */
  static final String REVIEW_FORM = "reviewRequest";

  /** The amend form's own fields, which are no part of the request. */
  static final Set<String> NOT_COMPARED =
      Set.of(AMENDMENT_NOTES.name(), WITHDRAW_REQUEST.name(), WITHDRAWAL_REASON.name());

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FormFields forms;
  private final IdentityService identityService;
  private final HistoryService historyService;
  private final DeploymentRequestProperties properties;

  RevisionRecorder(
      FormFields forms,
      IdentityService identityService,
      HistoryService historyService,
      DeploymentRequestProperties properties) {
    this.forms = forms;
    this.identityService = identityService;
    this.historyService = historyService;
    this.properties = properties;
  }

  void submitted(DelegateExecution execution) {
    ProcessVariables v = ProcessVariables.of(execution);
    String definitionId = execution.getProcessDefinitionId();
    List<FormField> fields =
        forms.of(definitionId, AMEND_FORM).stream()
            .filter(field -> !field.readOnly() && !NOT_COMPARED.contains(field.key()))
            .toList();
    Map<String, List<HistoricVariableUpdate>> history =
        updatesByName(execution.getProcessInstanceId());
    int revision = v.get(REVISION);
    if (revision > 1) {
      Optional<Map<String, Integer>> submitted = read(v.get(SUBMITTED_FIELDS));
      v.set(
          REVISION_CHANGES,
          submitted
              .map(
                  before ->
                      RevisionComparison.changes(
                          revision,
                          fields,
                          RevisionComparison.values(
                              fields, key -> valueAt(history, key, before.get(key))),
                          RevisionComparison.values(fields, execution::getVariable),
                          properties.timeZone()))
              .orElse(
                  "Revision %d was submitted before the app kept which values were submitted: compare in the request's history."
                      .formatted(revision - 1)));
      v.set(
          EARLIER_REVIEWS,
          RevisionComparison.withRound(
              v.get(EARLIER_REVIEWS), previousRound(v, revision - 1, definitionId)));
    }
    Map<String, Integer> now = new LinkedHashMap<>();
    for (FormField field : fields) {
      List<HistoricVariableUpdate> updates = history.get(field.key());
      if (updates != null && !updates.isEmpty()) {
        now.put(field.key(), updates.size());
      }
    }
    v.set(SUBMITTED_FIELDS, write(now));
  }

  /**
   * Every value each variable of the request had, oldest first. Read in the submission's own job,
   * after the steps that wrote them committed.
   */
  private Map<String, List<HistoricVariableUpdate>> updatesByName(String processInstanceId) {
    Map<String, List<HistoricVariableUpdate>> byName = new HashMap<>();
    for (HistoricDetail detail :
        historyService
            .createHistoricDetailQuery()
            .processInstanceId(processInstanceId)
            .variableUpdates()
            .disableBinaryFetching()
            .orderPartiallyByOccurrence()
            .asc()
            .list()) {
      HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
      byName.computeIfAbsent(update.getVariableName(), name -> new ArrayList<>()).add(update);
    }
    return byName;
  }

  /** The n-th value a variable had (counted from 1); absent for 0 or none. */
  private static Object valueAt(
      Map<String, List<HistoricVariableUpdate>> history, String name, Integer nth) {
    List<HistoricVariableUpdate> updates = history.getOrDefault(name, List.of());
    return nth == null || nth < 1 || nth > updates.size() ? null : updates.get(nth - 1).getValue();
  }

  private String previousRound(ProcessVariables v, int round, String definitionId) {
    Map<String, FormField> review =
        forms.of(definitionId, REVIEW_FORM).stream()
            .filter(field -> !field.readOnly())
            .collect(Collectors.toMap(FormField::key, field -> field, (a, b) -> a));
    String decision = v.get(REVIEW_DECISION);
    String risk = v.get(RISK_LEVEL);
    return RevisionComparison.round(
        round,
        decision == null ? null : review.get(REVIEW_DECISION.name()).optionLabel(decision),
        fullName(v.get(REVIEWER)),
        risk == null ? null : review.get(RISK_LEVEL.name()).optionLabel(risk),
        v.get(REVIEW_COMMENTS));
  }

  private String fullName(String userId) {
    if (userId == null) {
      return null;
    }
    User user = identityService.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    String name =
        ((user.getFirstName() == null ? "" : user.getFirstName())
                + " "
                + (user.getLastName() == null ? "" : user.getLastName()))
            .trim();
    return name.isEmpty() ? userId : name;
  }

  private static Optional<Map<String, Integer>> read(String fields) {
    if (fields == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(fields, new TypeReference<Map<String, Integer>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the submitted fields", e);
    }
  }

  /** Null when it would not fit a text variable: the next revision then says so. */
  private static String write(Map<String, Integer> fields) {
    try {
      String text = JSON.writeValueAsString(fields);
      return text.length() <= RevisionComparison.MAX_LENGTH ? text : null;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the submitted fields", e);
    }
  }
}
