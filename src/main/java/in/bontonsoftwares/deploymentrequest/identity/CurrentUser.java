package in.bontonsoftwares.deploymentrequest.identity;

import java.util.function.Supplier;
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

  /**
   * Runs {@code read} as the engine, without the signed-in caller's authorizations: for what the
   * app itself must know about requests the caller may not read (whether a window is booked).
   */
  public <T> T asEngine(Supplier<T> read) {
    return asEngine(identityService, read);
  }

  /** {@link #asEngine(Supplier)} for code that holds the identity service itself. */
  public static <T> T asEngine(IdentityService identityService, Supplier<T> read) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return read.get();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }
}
