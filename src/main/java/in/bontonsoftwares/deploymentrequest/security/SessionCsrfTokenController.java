package in.bontonsoftwares.deploymentrequest.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/session/csrf-token}: the CSRF token Camunda's webapps keep in this browser
 * session, for our pages, which cannot read the webapps' {@code XSRF-TOKEN} cookie (its path is
 * {@code /camunda}) and to which the webapps hand the token out only once, when the session gets
 * it.
 *
 * <p>It answers only the caller's own session, and only to a page of this server: the app allows no
 * cross-origin reads (no CORS), so a foreign site can send this request but never read the answer.
 * Signed out, it still answers (the sign-in form needs the token); without a token it is 404.
 */
@RestController
class SessionCsrfTokenController {

  @GetMapping("/api/session/csrf-token")
  ResponseEntity<Map<String, String>> token(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object token =
        session == null
            ? null
            : session.getAttribute(WebappSessionAuthenticationFilter.SESSION_CSRF_TOKEN);
    if (!(token instanceof String value)) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .cacheControl(CacheControl.noStore())
          .build();
    }
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(Map.of(WebappSessionAuthenticationFilter.CSRF_HEADER, value));
  }
}
