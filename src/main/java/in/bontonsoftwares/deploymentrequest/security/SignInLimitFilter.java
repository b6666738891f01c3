package in.bontonsoftwares.deploymentrequest.security;

import in.bontonsoftwares.deploymentrequest.limits.Limit;
import in.bontonsoftwares.deploymentrequest.limits.LimitHits;
import in.bontonsoftwares.deploymentrequest.limits.Waits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of every door that checks a password (HTTP Basic on {@code /engine-rest} and {@code
 * /api}, the webapps' login form): a client address with too many failed sign-ins within the window
 * gets 429 with {@code Retry-After}, and its password is not even checked, so that guessing stops
 * and the accounts it aims at are not delayed further. A failure is an attempt with a password that
 * was answered 401. The address is the connection's ({@code getRemoteAddr()}): {@code
 * X-Forwarded-For} counts only where {@code server.forward-headers-strategy} tells the server to
 * trust a proxy's headers.
 */
class SignInLimitFilter extends OncePerRequestFilter {

  private final FailedSignIns failures;
  private final LimitHits hits;

  /**
   * The webapps' login, {@code <webapps>/api/admin/auth/user/<engine>/login/<app>}, up to the
   * engine.
   */
  private final String loginPrefix;

  SignInLimitFilter(FailedSignIns failures, LimitHits hits, String webappsPath) {
    this.failures = failures;
    this.hits = hits;
    this.loginPrefix = webappsPath + "/api/admin/auth/user/";
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!carriesPassword(request)) {
      chain.doFilter(request, response);
      return;
    }
    String address = request.getRemoteAddr();
    Optional<Duration> wait = failures.waitFor(address);
    if (wait.isPresent()) {
      hits.record(Limit.FAILED_SIGN_INS, address, failures.window());
      refuse(response, wait.get());
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
      failures.failed(address);
    }
  }

  private boolean carriesPassword(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith(loginPrefix)) {
      return "POST".equals(request.getMethod())
          && path.indexOf("/login/", loginPrefix.length()) > 0;
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
  }

  private static void refuse(HttpServletResponse response, Duration wait) throws IOException {
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Waits.seconds(wait)));
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response
        .getWriter()
        .write(
            ("{\"type\":\"TooManyFailedSignIns\",\"message\":\"Too many failed sign-ins from your "
                    + "address. Try again in %s.\"}")
                .formatted(Waits.inWords(wait)));
  }
}
