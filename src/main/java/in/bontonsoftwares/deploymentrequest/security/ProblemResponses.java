package in.bontonsoftwares.deploymentrequest.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Refusals before any controller runs, as problem details ({@code application/problem+json}) with a
 * reason a person understands, like every other error of {@code /api}.
 */
final class ProblemResponses implements AccessDeniedHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A 403 for a call the caller's groups may not make, naming the call and the groups (not the
   * caller: an answer says no more than needed, and names no one).
   */
  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException refused)
      throws IOException {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    List<String> groups =
        caller == null
            ? List.of()
            : caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                // each group is also granted as a role, for hasRole: name it once
                .filter(authority -> !authority.startsWith("ROLE_"))
                .toList();
    write(
        request,
        response,
        HttpStatus.FORBIDDEN,
        "Your groups (%s) may not %s %s"
            .formatted(
                groups.isEmpty() ? "none" : String.join(", ", groups),
                request.getMethod(),
                request.getRequestURI()));
  }

  static void write(
      HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", status.getReasonPhrase());
    problem.put("status", status.value());
    problem.put("detail", detail);
    problem.put("instance", request.getRequestURI());
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    JSON.writeValue(response.getOutputStream(), problem);
  }
}
