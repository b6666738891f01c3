package in.bontonsoftwares.deploymentrequest.identity;

import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * Users of one test's own, so that what one test counts (starts, failed sign-ins) never includes
 * another's.
 */
public final class TestUsers {

  private static final AtomicInteger CREATED = new AtomicInteger();

  private TestUsers() {}

  /**
   * A new member of {@code developers}, {@code <prefix><n>}, with an email address and the given
   * password.
   */
  public static String newDeveloper(
      IdentityService identityService, String prefix, String password) {
    String id = prefix + CREATED.incrementAndGet();
    User user = identityService.newUser(id);
    user.setEmail(id + "@example.com");
    user.setPassword(password);
    identityService.saveUser(user);
    identityService.createMembership(id, Groups.DEVELOPERS);
    return id;
  }
}
