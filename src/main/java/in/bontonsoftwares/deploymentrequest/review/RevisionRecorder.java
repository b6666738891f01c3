package in.bontonsoftwares.deploymentrequest.review;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.review.FormFields.Field;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * At each submission to DevSecOps: for revision 2 and later, writes what changed since the previous
 * submission ({@code revisionChanges}) and adds the previous round's review to {@code
 * earlierReviews}, before the review answers are cleared; then keeps this submission's fields
 * ({@code submittedFields}) for the next revision. Computed once, in the submission's transaction,
 * so the review form and the mail show the same text.
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
  private final DeploymentRequestProperties properties;

  RevisionRecorder(
      FormFields forms, IdentityService identityService, DeploymentRequestProperties properties) {
    this.forms = forms;
    this.identityService = identityService;
    this.properties = properties;
  }

  void submitted(DelegateExecution execution) {
    ProcessVariables v = ProcessVariables.of(execution);
    String definitionId = execution.getProcessDefinitionId();
    List<Field> fields =
        forms.of(definitionId, AMEND_FORM).stream()
            .filter(field -> !field.readOnly() && !NOT_COMPARED.contains(field.key()))
            .toList();
    Map<String, String> now = RevisionComparison.values(fields, execution::getVariable);
    int revision = v.get(REVISION);
    if (revision > 1) {
      v.set(
          REVISION_CHANGES,
          read(v.get(SUBMITTED_FIELDS))
              .map(
                  before ->
                      RevisionComparison.changes(
                          revision, fields, before, now, properties.timeZone()))
              .orElse(
                  "Revision %d was submitted before the app kept the submitted fields: compare in the request's history."
                      .formatted(revision - 1)));
      v.set(
          EARLIER_REVIEWS,
          RevisionComparison.withRound(
              v.get(EARLIER_REVIEWS), previousRound(v, revision - 1, definitionId)));
    }
    v.set(SUBMITTED_FIELDS, write(now));
  }

  private String previousRound(ProcessVariables v, int round, String definitionId) {
    Map<String, Field> review =
        forms.of(definitionId, REVIEW_FORM).stream()
            .filter(field -> !field.readOnly())
            .collect(Collectors.toMap(Field::key, field -> field, (a, b) -> a));
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

  private static Optional<Map<String, String>> read(byte[] fields) {
    if (fields == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(fields, new TypeReference<Map<String, String>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the submitted fields", e);
    }
  }

  private static byte[] write(Map<String, String> fields) {
    try {
      return JSON.writeValueAsBytes(fields);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the submitted fields", e);
    }
  }
}
