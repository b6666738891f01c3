package in.bontonsoftwares.deploymentrequest.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Who acts on the engine right now: the signed-in person of Tasklist, REST or the Java API. */
@Component
public class CurrentUser {

  private final IdentityService identityService;

  public CurrentUser(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** The authenticated user's id; {@code null} when the engine acts on its own. */
  public String id() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  /**
   * Who completes the task: the authenticated user, else (the Java API without one) its assignee.
   */
  public String completing(DelegateTask task) {
    String user = id();
    return user != null ? user : task.getAssignee();
  }
}
