package in.bontonsoftwares.deploymentrequest.security;

import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Spring Security checks HTTP Basic credentials of our own API against the engine's identity
 * service, the same users, passwords, login throttling and groups as Tasklist and {@code
 * /engine-rest}. Group ids become authorities.
 */
@Component
class IdentityServiceAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;

  IdentityServiceAuthenticationProvider(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object password = authentication.getCredentials();
    if (user == null
        || password == null
        || !identityService.checkPassword(user, password.toString())) {
      throw new BadCredentialsException("Unknown user or wrong password");
    }
    return UsernamePasswordAuthenticationToken.authenticated(
        user, null, authorities(identityService, user));
  }

  /**
   * Each group of {@code user} as itself (for our rules) and as a role (for Actuator's "roles").
   */
  static List<SimpleGrantedAuthority> authorities(IdentityService identityService, String user) {
    return identityService.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId)
        .flatMap(group -> Stream.of(group, "ROLE_" + group))
        .map(SimpleGrantedAuthority::new)
        .toList();
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
