package in.bontonsoftwares.deploymentrequest.tokens;

import in.bontonsoftwares.deploymentrequest.config.TokenProperties;
import in.bontonsoftwares.deploymentrequest.database.Page;
import in.bontonsoftwares.deploymentrequest.database.SqlInstant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * The tokens in table {@code access_token}. A secret is {@code drp_} and 32 random bytes
 * (base64url): too many to guess, so one unsalted SHA-256 is enough to keep it, and the prefix lets
 * secret scanners recognise a leaked one. The secret itself is only ever in the answer that created
 * it.
 */
@Service
public class AccessTokens {

  static final String PREFIX = "drp_";
  private static final Pattern FORMAT = Pattern.compile("drp_[A-Za-z0-9_-]{43}");
  private static final String COLUMNS =
      "id, user_id, name, scope, created_at, expires_at, last_used_at, revoked_at, revoked_by";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final IdentityService identityService;
  private final TokenProperties properties;
  private final SecureRandom random = new SecureRandom();

  /** When the last use of a token was last written, by this node: the writes are throttled. */
  private final Map<Long, Instant> lastUseWritten = new ConcurrentHashMap<>();

  AccessTokens(
      JdbcTemplate jdbc, Clock clock, IdentityService identityService, TokenProperties properties) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.identityService = identityService;
    this.properties = properties;
  }

  /** A new token of {@code user}; its secret is in the answer and nowhere else. */
  CreatedToken create(String user, String name, Instant expiresAt, TokenScope scope) {
    Instant now = clock.instant();
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        connection -> {
          var statement =
              connection.prepareStatement(
                  "insert into access_token"
                      + " (user_id, name, secret_hash, created_at, expires_at, scope)"
                      + " values (?, ?, ?, ?, ?, ?)",
                  new String[] {"id"});
          statement.setString(1, user);
          statement.setString(2, name);
          statement.setString(3, hash(secret));
          statement.setObject(4, SqlInstant.of(now));
          statement.setObject(5, SqlInstant.of(expiresAt));
          statement.setString(6, scope.name());
          return statement;
        },
        key);
    long id = key.getKey().longValue();
    return new CreatedToken(id, name, scope, secret, now, expiresAt);
  }

  /** The tokens of {@code user}, the newest first. */
  List<AccessToken> list(String user, Page page) {
    List<Object> arguments = new ArrayList<>(List.of(user));
    String sql =
        "select "
            + COLUMNS
            + " from access_token where user_id = ? order by created_at desc, id desc"
            + page.sql(arguments);
    return jdbc.query(sql, AccessTokens::token, arguments.toArray());
  }

  Optional<AccessToken> find(long id) {
    return jdbc
        .query("select " + COLUMNS + " from access_token where id = ?", AccessTokens::token, id)
        .stream()
        .findFirst();
  }

  /** Revokes the token (once: a second revocation keeps the first one's time and person). */
  void revoke(long id, String by) {
    jdbc.update(
        "update access_token set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null",
        SqlInstant.of(clock.instant()),
        by,
        id);
  }

  /**
   * The caller a secret stands for, or why it stands for no one. Records its use (at most once per
   * {@code last-use-every}).
   */
  public Result authenticate(String secret) {
    if (secret == null || !FORMAT.matcher(secret).matches()) {
      return Result.refused("The token is malformed");
    }
    String hash = hash(secret);
    List<Row> rows =
        jdbc.query(
            "select id, user_id, name, secret_hash, expires_at, revoked_at, scope from access_token"
                + " where secret_hash = ?",
            (rs, n) ->
                new Row(
                    rs.getLong("id"),
                    rs.getString("user_id"),
                    rs.getString("name"),
                    rs.getString("secret_hash"),
                    SqlInstant.read(rs, "expires_at"),
                    SqlInstant.read(rs, "revoked_at"),
                    TokenScope.valueOf(rs.getString("scope"))),
            hash);
    if (rows.isEmpty()
        || !MessageDigest.isEqual(
            rows.get(0).hash().getBytes(StandardCharsets.US_ASCII),
            hash.getBytes(StandardCharsets.US_ASCII))) {
      return Result.refused("The token is unknown");
    }
    Row row = rows.get(0);
    Instant now = clock.instant();
    if (row.revokedAt() != null) {
      return Result.refused("The token has been revoked");
    }
    if (!now.isBefore(row.expiresAt())) {
      return Result.refused("The token has expired");
    }
    if (identityService.createUserQuery().userId(row.user()).count() == 0) {
      return Result.refused("The token's user no longer exists");
    }
    recordUse(row.id(), now);
    return new Result(new TokenCaller(row.id(), row.name(), row.user(), row.scope()), null);
  }

  private void recordUse(long id, Instant now) {
    Instant written = lastUseWritten.get(id);
    if (written != null && written.plus(properties.lastUseEvery()).isAfter(now)) {
      return;
    }
    lastUseWritten.put(id, now);
    jdbc.update("update access_token set last_used_at = ? where id = ?", SqlInstant.of(now), id);
  }

  static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }

  private static AccessToken token(ResultSet rs, int n) throws SQLException {
    return new AccessToken(
        rs.getLong("id"),
        rs.getString("user_id"),
        rs.getString("name"),
        TokenScope.valueOf(rs.getString("scope")),
        SqlInstant.read(rs, "created_at"),
        SqlInstant.read(rs, "expires_at"),
        SqlInstant.read(rs, "last_used_at"),
        SqlInstant.read(rs, "revoked_at"),
        rs.getString("revoked_by"));
  }

  private record Row(
      long id,
      String user,
      String name,
      String hash,
      Instant expiresAt,
      Instant revokedAt,
      TokenScope scope) {}

  /** A token as its owner sees it: everything but the secret. */
  record AccessToken(
      long id,
      String user,
      String name,
      TokenScope scope,
      Instant createdAt,
      Instant expiresAt,
      Instant lastUsedAt,
      Instant revokedAt,
      String revokedBy) {}

  /** The answer to a creation: the only place the secret ever appears. */
  record CreatedToken(
      long id, String name, TokenScope scope, String token, Instant createdAt, Instant expiresAt) {}

  /** Either a caller or the reason for refusing the token. */
  public record Result(TokenCaller caller, String refusal) {
    static Result refused(String reason) {
      return new Result(null, reason);
    }
  }
}
