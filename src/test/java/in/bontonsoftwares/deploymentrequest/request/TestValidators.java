package in.bontonsoftwares.deploymentrequest.request;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.health.AllowedHosts;
import in.bontonsoftwares.deploymentrequest.identity.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** The validator and the current user as the listeners get them, for unit tests. */
public final class TestValidators {

  public static final ZoneId APP_ZONE = ZoneId.of("Asia/Kolkata");

  /** The hosts health checks may call in tests, as {@code application-test.yaml} lists them. */
  public static final List<String> ALLOWED_HOSTS =
      List.of("localhost", "127.0.0.1", "*.example.com");

  private TestValidators() {}

  /**
   * The validator of an app in {@link #APP_ZONE} whose clock stands at {@code now}, allowing the
   * health-check URLs of {@link #ALLOWED_HOSTS}.
   */
  public static RequestValidator at(Instant now) {
    return at(now, ALLOWED_HOSTS);
  }

  /** The same, allowing the health-check URLs of {@code allowedHosts}. */
  static RequestValidator at(Instant now, List<String> allowedHosts) {
    DeploymentRequestProperties properties = mock(DeploymentRequestProperties.class);
    when(properties.timeZone()).thenReturn(APP_ZONE);
    return new RequestValidator(
        properties, Clock.fixed(now, ZoneOffset.UTC), AllowedHosts.of(allowedHosts));
  }

  /** Who the engine says is signed in; {@code null} for the engine acting on its own. */
  public static CurrentUser signedIn(String userId) {
    IdentityService identityService = mock(IdentityService.class);
    when(identityService.getCurrentAuthentication())
        .thenReturn(userId == null ? null : new Authentication(userId, List.of()));
    return new CurrentUser(identityService);
  }
}
