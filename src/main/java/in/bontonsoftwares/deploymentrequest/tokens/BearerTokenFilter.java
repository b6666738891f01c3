package in.bontonsoftwares.deploymentrequest.tokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks an {@code Authorization: Bearer} header on {@code /api} and {@code /engine-rest} before
 * any other door: a good token leaves its {@link TokenCaller} on the request, any other answers 401
 * with the reason as problem details. The secret is never logged, not even when refused.
 *
 * <p>Calendar clients (Outlook, Google Calendar) subscribe to a URL and cannot send a header, so on
 * the few {@code queryTokenPaths} (the change calendar's feed) a GET may carry the token as {@code
 * ?token=} instead, and only a token of scope {@link TokenScope#CALENDAR_FEED}, which opens nothing
 * but the feed (a leaked subscription address gives nothing else away; such a token is refused
 * anywhere else, 403). Everything after this filter sees the request without that parameter: no log
 * line, error page or query string written later can contain it. Anywhere else on {@code /api} a
 * {@code token} in the address is refused (400) before anything could log it; {@code /engine-rest}
 * does not read one.
 *
 * <p>A POST to one of the {@code foreignBearerPaths} carries another system's bearer token (the
 * demo's Slack takes a Slack bot token) and is passed on unauthenticated: the endpoint checks that
 * token itself, and its path is open to it alone.
 */
class BearerTokenFilter extends OncePerRequestFilter {

  static final String TOKEN_PARAMETER = "token";
  private static final String BEARER = "bearer";

  private final AccessTokens tokens;
  private final ObjectMapper json;
  private final Set<String> queryTokenPaths;
  private final Set<String> foreignBearerPaths;

  BearerTokenFilter(
      AccessTokens tokens,
      ObjectMapper json,
      Set<String> queryTokenPaths,
      Set<String> foreignBearerPaths) {
    this.tokens = tokens;
    this.json = json;
    this.queryTokenPaths = Set.copyOf(queryTokenPaths);
    this.foreignBearerPaths = Set.copyOf(foreignBearerPaths);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    String secret = null;
    boolean fromAddress = false;
    // "Bearer" with nothing after it too: a pipeline whose secret variable is empty
    if (header != null
        && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        && (header.length() == BEARER.length() || header.charAt(BEARER.length()) == ' ')) {
      secret = header.substring(BEARER.length()).strip();
      if ("POST".equals(request.getMethod()) && foreignBearerPaths.contains(path(request))) {
        // another system's token, which the endpoint checks itself: never one of ours
        secret = null;
      }
    }
    if (hasQueryToken(request.getQueryString()) && isOurApi(request)) {
      if (!takesQueryToken(request)) {
        // refused here, before anything downstream could write the address to a log
        refuse(
            request,
            response,
            HttpServletResponse.SC_BAD_REQUEST,
            "Only the calendar feed reads a token from its address; send it as 'Authorization:"
                + " Bearer' here, and revoke it if the address was shared or stored");
        return;
      }
      String inQuery = request.getParameter(TOKEN_PARAMETER);
      request = new WithoutQueryToken(request);
      if (secret == null) {
        secret = inQuery == null ? "" : inQuery.strip();
        fromAddress = true;
      }
    }
    if (secret == null) {
      chain.doFilter(request, response);
      return;
    }
    AccessTokens.Result result = tokens.authenticate(secret);
    if (result.caller() == null) {
      refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, result.refusal());
      return;
    }
    TokenScope scope = result.caller().scope();
    if (fromAddress && scope != TokenScope.CALENDAR_FEED) {
      // an API token in an address is as good as published: refuse it, say why
      refuse(
          request,
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          "Only a token of scope CALENDAR_FEED may stand in an address; this one ("
              + result.caller().tokenName()
              + ") can do everything you can: revoke it and subscribe with a CALENDAR_FEED token");
      return;
    }
    if (scope == TokenScope.CALENDAR_FEED && !takesQueryToken(request)) {
      refuse(
          request,
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "The token "
              + result.caller().tokenName()
              + " may only read the calendar feed (GET /api/calendar.ics)");
      return;
    }
    request.setAttribute(TokenCaller.ATTRIBUTE, result.caller());
    chain.doFilter(request, response);
  }

  private static boolean hasQueryToken(String query) {
    return query != null
        && Arrays.stream(query.split("&")).anyMatch(WithoutQueryToken::isTokenParameter);
  }

  private static boolean isOurApi(HttpServletRequest request) {
    return path(request).startsWith("/api/");
  }

  private boolean takesQueryToken(HttpServletRequest request) {
    String method = request.getMethod();
    return ("GET".equals(method) || "HEAD".equals(method))
        && queryTokenPaths.contains(path(request));
  }

  /** The path within the app, as sent (not decoded: an encoded path is not a feed's). */
  private static String path(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return uri.startsWith(context) ? uri.substring(context.length()) : uri;
  }

  /** The request as if {@code ?token=} had never been part of it. */
  private static final class WithoutQueryToken extends HttpServletRequestWrapper {

    WithoutQueryToken(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getQueryString() {
      String query = super.getQueryString();
      if (query == null) {
        return null;
      }
      String kept =
          Arrays.stream(query.split("&"))
              .filter(pair -> !isTokenParameter(pair))
              .collect(Collectors.joining("&"));
      return kept.isEmpty() ? null : kept;
    }

    /** Whether a {@code name=value} pair of a query string is the token. */
    static boolean isTokenParameter(String pair) {
      String encodedName = pair.split("=", 2)[0];
      try {
        return TOKEN_PARAMETER.equals(URLDecoder.decode(encodedName, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException malformed) {
        return false;
      }
    }

    @Override
    public String getParameter(String name) {
      return TOKEN_PARAMETER.equals(name) ? null : super.getParameter(name);
    }

    @Override
    public String[] getParameterValues(String name) {
      return TOKEN_PARAMETER.equals(name) ? null : super.getParameterValues(name);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
      parameters.remove(TOKEN_PARAMETER);
      return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(getParameterMap().keySet());
    }
  }

  private void refuse(
      HttpServletRequest request, HttpServletResponse response, int status, String reason)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", HttpStatus.valueOf(status).getReasonPhrase());
    problem.put("status", status);
    problem.put("detail", reason);
    problem.put("instance", request.getRequestURI());
    response.setStatus(status);
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      response.setHeader(
          HttpHeaders.WWW_AUTHENTICATE,
          "Bearer error=\"invalid_token\", error_description=\"" + reason + "\"");
    }
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
