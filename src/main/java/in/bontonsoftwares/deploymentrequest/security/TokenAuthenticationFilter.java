package in.bontonsoftwares.deploymentrequest.security;

import in.bontonsoftwares.deploymentrequest.tokens.TokenCaller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request whose bearer token was accepted (see {@code tokens.BearerTokenFilter}) is signed in as
 * the token's owner, with the owner's groups as of now, the same authorities as HTTP Basic gives.
 */
class TokenAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identityService;

  TokenAuthenticationFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    TokenCaller caller = TokenCaller.of(request);
    if (caller != null) {
      var groups =
          IdentityServiceAuthenticationProvider.authorities(identityService, caller.user());
      var context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(
          UsernamePasswordAuthenticationToken.authenticated(caller.user(), null, groups));
      SecurityContextHolder.setContext(context);
    }
    chain.doFilter(request, response);
  }
}
