package in.bontonsoftwares.deploymentrequest.request;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.limits.StartLimits;
import in.bontonsoftwares.deploymentrequest.numbering.NumberGenerator;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Runs when a request is submitted, inside the transaction that starts it: an invalid request is
 * refused before anything is stored, and so is a start by a person over a limit ({@link
 * StartLimits}); a valid one gets its number ({@code DR-<year>-<seq>}) as business key, the
 * requester's contact details from the identity service, and the requester the right to read it.
 */
@Component("requestSubmittedListener")
class RequestSubmittedListener implements ExecutionListener {

  static final String NUMBER_PREFIX = "DR";

  private final RequestValidator validator;
  private final NumberGenerator numbers;
  private final IdentityService identityService;
  private final DeploymentRequestProperties properties;
  private final Clock clock;
  private final RequesterAccess requesterAccess;
  private final StartLimits limits;

  RequestSubmittedListener(
      RequestValidator validator,
      NumberGenerator numbers,
      IdentityService identityService,
      DeploymentRequestProperties properties,
      Clock clock,
      RequesterAccess requesterAccess,
      StartLimits limits) {
    this.validator = validator;
    this.numbers = numbers;
    this.identityService = identityService;
    this.properties = properties;
    this.clock = clock;
    this.requesterAccess = requesterAccess;
    this.limits = limits;
  }

  @Override
  public void notify(DelegateExecution execution) {
    ProcessVariables variables = ProcessVariables.of(execution);
    validator.validateRequest(variables);
    User requester = requester(variables.get(REQUESTER));
    // A person over a limit is refused before a number is drawn, and checked again in turn with
    // their parallel
    // starts after it: the number takes a second connection, which a start holding the person's
    // lock must not wait
    // for while the starts queued behind it hold theirs.
    limits.check(requester.getId());
    String number = numbers.next(NUMBER_PREFIX, properties.timeZone());
    limits.checkInTurn(requester.getId());
    execution.setProcessBusinessKey(number);
    variables.set(REQUEST_NUMBER, number);
    variables.set(REQUESTER_EMAIL, requester.getEmail());
    variables.set(REQUESTER_NAME, fullName(requester));
    variables.set(REQUESTED_AT, Date.from(clock.instant()));
    variables.set(REVISION, 1);
    variables.set(WITHDRAW_REQUEST, false);
    variables.set(SMOKE_TESTS_APPLY, variables.get(SMOKE_TESTS_APPLY));
    variables.set(QA_VALIDATION_APPLIES, variables.get(QA_VALIDATION_APPLIES));
    requesterAccess.grantRequester(requester.getId(), execution.getProcessInstanceId());
  }

  private User requester(String userId) {
    if (userId == null) {
      throw new RequestValidationException(
          List.of(
              "A deployment request must be started by a signed-in user, who becomes its requester."));
    }
    User user = identityService.createUserQuery().userId(userId).singleResult();
    if (user == null || !RequestValidator.isEmail(user.getEmail())) {
      throw new RequestValidationException(
          List.of(
              ("Your user '%s' has no valid email address, so the "
                      + "process could not reach you; ask an administrator to add one.")
                  .formatted(userId)));
    }
    return user;
  }

  private static String fullName(User user) {
    String name =
        ((user.getFirstName() == null ? "" : user.getFirstName())
                + " "
                + (user.getLastName() == null ? "" : user.getLastName()))
            .trim();
    return name.isEmpty() ? user.getId() : name;
  }
}
