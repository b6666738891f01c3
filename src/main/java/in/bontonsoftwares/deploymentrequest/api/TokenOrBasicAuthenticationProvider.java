package in.bontonsoftwares.deploymentrequest.api;

import in.bontonsoftwares.deploymentrequest.tokens.TokenCaller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * {@code /engine-rest} signs in the owner of an accepted bearer token (checked before by {@code
 * tokens.BearerTokenFilter}), everyone else with HTTP Basic; Camunda's filter then sets the user's
 * groups, so a token acts with exactly its owner's authorizations.
 */
public class TokenOrBasicAuthenticationProvider implements AuthenticationProvider {

  private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();

  @Override
  public AuthenticationResult extractAuthenticatedUser(
      HttpServletRequest request, ProcessEngine engine) {
    TokenCaller caller = TokenCaller.of(request);
    return caller != null
        ? AuthenticationResult.successful(caller.user())
        : basic.extractAuthenticatedUser(request, engine);
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(
      HttpServletResponse response, ProcessEngine engine) {
    basic.augmentResponseByAuthenticationChallenge(response, engine);
  }
}
