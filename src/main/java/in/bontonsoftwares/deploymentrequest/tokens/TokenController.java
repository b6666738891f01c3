package in.bontonsoftwares.deploymentrequest.tokens;

import in.bontonsoftwares.deploymentrequest.config.TokenProperties;
import in.bontonsoftwares.deploymentrequest.database.Page;
import in.bontonsoftwares.deploymentrequest.identity.Groups;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/tokens} creates a token of the caller ({@code name}, {@code expiresAt} at most
 * {@code max-lifetime} ahead, by default that far, {@code scope} {@link TokenScope}), {@code GET
 * /api/tokens} pages through the caller's own, {@code DELETE /api/tokens/{id}} revokes one of the
 * caller's own, or any for admins. Creating needs a password: a token cannot make tokens, so a
 * leaked one cannot outlive its revocation.
 */
@RestController
@RequestMapping("/api/tokens")
class TokenController {

  private static final int NAME_LENGTH = 100;

  private final AccessTokens tokens;
  private final TokenProperties properties;
  private final Clock clock;

  TokenController(AccessTokens tokens, TokenProperties properties, Clock clock) {
    this.tokens = tokens;
    this.properties = properties;
    this.clock = clock;
  }

  @PostMapping
  ResponseEntity<AccessTokens.CreatedToken> create(
      @RequestBody NewToken body, Authentication caller, HttpServletRequest request) {
    if (TokenCaller.of(request) != null) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN, "A token cannot create tokens: sign in with your password");
    }
    if (body.name() == null || body.name().isBlank() || body.name().length() > NAME_LENGTH) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "name is required, at most " + NAME_LENGTH + " characters");
    }
    Instant now = clock.instant();
    Instant latest = now.plus(properties.maxLifetime());
    Instant expiresAt = body.expiresAt() == null ? latest : body.expiresAt();
    if (!expiresAt.isAfter(now) || expiresAt.isAfter(latest)) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "expiresAt must be in the future and at most "
              + properties.maxLifetime().toDays()
              + " days ahead (at the latest "
              + latest
              + ")");
    }
    TokenScope scope =
        body.scope() == null
            ? TokenScope.API
            : TokenScope.parse(body.scope())
                .orElseThrow(
                    () ->
                        new ResponseStatusException(
                            HttpStatus.BAD_REQUEST,
                            "scope must be one of " + TokenScope.choices()));
    AccessTokens.CreatedToken created =
        tokens.create(caller.getName(), body.name(), expiresAt, scope);
    return ResponseEntity.created(URI.create("/api/tokens/" + created.id())).body(created);
  }

  @GetMapping
  List<AccessTokens.AccessToken> list(
      Authentication caller,
      @RequestParam(defaultValue = "0") int firstResult,
      @RequestParam(defaultValue = Page.DEFAULT_SIZE) int maxResults) {
    return tokens.list(caller.getName(), new Page(firstResult, maxResults));
  }

  /** 404 also for another person's token: whether it exists is none of the caller's business. */
  @DeleteMapping("/{id}")
  ResponseEntity<Void> revoke(@PathVariable long id, Authentication caller) {
    boolean admin =
        caller.getAuthorities().stream().anyMatch(a -> Groups.ADMINS.equals(a.getAuthority()));
    AccessTokens.AccessToken token =
        tokens
            .find(id)
            .filter(t -> admin || t.user().equals(caller.getName()))
            .orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such token: " + id));
    tokens.revoke(token.id(), caller.getName());
    return ResponseEntity.noContent().build();
  }

  /** {@code scope}: {@code API} (the default) or {@code CALENDAR_FEED}. */
  record NewToken(String name, Instant expiresAt, String scope) {}
}
