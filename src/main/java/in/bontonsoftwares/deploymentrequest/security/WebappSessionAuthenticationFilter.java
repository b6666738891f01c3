package in.bontonsoftwares.deploymentrequest.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One sign-in: a person signed in to Tasklist, Cockpit or Admin reaches our pages and {@code
 * /api/**} with the webapps' session ({@code JSESSIONID}), as the same user with their groups as of
 * now. Explicit credentials (HTTP Basic, a bearer token) win over the session.
 *
 * <p>A session cookie rides along on any request the browser makes, also one a foreign site
 * triggers, so a request that changes something (anything but GET, HEAD, OPTIONS) is accepted on
 * the session only as Camunda's {@code CsrfPreventionFilter} accepts it on the webapps: the {@code
 * X-XSRF-TOKEN} header equal to the token the webapps keep in the session, and an {@code Origin}
 * (or, without it, {@code Referer}) of this server. Otherwise it is refused with 403 before any
 * controller runs.
 */
class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

  /** Where the webapps keep the signed-in users ({@code AuthenticationUtil}'s session key). */
  static final String SESSION_AUTHENTICATIONS = "authenticatedUser";

  /** Where Camunda's CSRF filter keeps the session's token. */
  static final String SESSION_CSRF_TOKEN = "CAMUNDA_CSRF_TOKEN";

  static final String CSRF_HEADER = "X-XSRF-TOKEN";

  private static final String ENGINE = "default";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final IdentityService identityService;

  WebappSessionAuthenticationFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // explicit credentials win: then the session is not even read
    String user =
        request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || SecurityContextHolder.getContext().getAuthentication() != null
            ? null
            : sessionUser(request);
    if (user == null) {
      chain.doFilter(request, response);
      return;
    }
    if (!SAFE_METHODS.contains(request.getMethod())) {
      String refusal = csrfRefusal(request);
      if (refusal != null) {
        refuse(request, response, refusal);
        return;
      }
    }
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            user, null, IdentityServiceAuthenticationProvider.authorities(identityService, user)));
    SecurityContextHolder.setContext(context);
    chain.doFilter(request, response);
  }

  /** The user the webapps signed in on this session, if they still exist. */
  private String sessionUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null
        || !(session.getAttribute(SESSION_AUTHENTICATIONS)
            instanceof Authentications authentications)) {
      return null;
    }
    if (!(authentications.getAuthenticationForProcessEngine(ENGINE)
        instanceof UserAuthentication authentication)) {
      return null;
    }
    String user = authentication.getIdentityId();
    if (user == null || identityService.createUserQuery().userId(user).count() == 0) {
      return null;
    }
    return user;
  }

  /** Why the request may not change anything on this session; null when it may. */
  private static String csrfRefusal(HttpServletRequest request) {
    Object expected = request.getSession().getAttribute(SESSION_CSRF_TOKEN);
    String given = request.getHeader(CSRF_HEADER);
    if (given == null || given.isBlank() || !(expected instanceof String token)) {
      return "A change over the Tasklist session needs the header "
          + CSRF_HEADER
          + " with the session's CSRF token (the XSRF-TOKEN cookie)";
    }
    if (!MessageDigest.isEqual(
        token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      return "The " + CSRF_HEADER + " header does not hold this session's CSRF token";
    }
    if (!sameOrigin(request)) {
      return "A change over the Tasklist session must come from a page of this server";
    }
    return null;
  }

  private static boolean sameOrigin(HttpServletRequest request) {
    String source = request.getHeader(HttpHeaders.ORIGIN);
    if (source == null) {
      source = request.getHeader(HttpHeaders.REFERER);
    }
    if (source == null) {
      return false;
    }
    try {
      URI uri = new URI(source);
      return request.getScheme().equalsIgnoreCase(uri.getScheme())
          && request.getServerName().equalsIgnoreCase(uri.getHost())
          && request.getServerPort() == port(uri);
    } catch (URISyntaxException malformed) {
      return false;
    }
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String reason)
      throws IOException {
    ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, reason);
  }
}
