package in.bontonsoftwares.deploymentrequest.tokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks an {@code Authorization: Bearer} header on {@code /api} and {@code /engine-rest} before
 * any other door: a good token leaves its {@link TokenCaller} on the request, any other answers 401
 * with the reason as problem details. The secret is never logged, not even when refused.
 */
class BearerTokenFilter extends OncePerRequestFilter {

  private static final String BEARER = "bearer";

  private final AccessTokens tokens;
  private final ObjectMapper json;

  BearerTokenFilter(AccessTokens tokens, ObjectMapper json) {
    this.tokens = tokens;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    // "Bearer" with nothing after it too: a pipeline whose secret variable is empty
    if (header == null
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || (header.length() > BEARER.length() && header.charAt(BEARER.length()) != ' ')) {
      chain.doFilter(request, response);
      return;
    }
    AccessTokens.Result result = tokens.authenticate(header.substring(BEARER.length()).strip());
    if (result.caller() == null) {
      refuse(request, response, result.refusal());
      return;
    }
    request.setAttribute(TokenCaller.ATTRIBUTE, result.caller());
    chain.doFilter(request, response);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String reason)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", "Unauthorized");
    problem.put("status", 401);
    problem.put("detail", reason);
    problem.put("instance", request.getRequestURI());
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader(
        HttpHeaders.WWW_AUTHENTICATE,
        "Bearer error=\"invalid_token\", error_description=\"" + reason + "\"");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
