package in.bontonsoftwares.deploymentrequest.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import in.bontonsoftwares.deploymentrequest.config.GitHubProperties;
import in.bontonsoftwares.deploymentrequest.forge.HeldDeployments.Forge;
import in.bontonsoftwares.deploymentrequest.forge.HeldDeployments.Held;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The GitHub App: a JWT signed with its private key (RS256; issued a minute in the past against
 * clock drift, valid nine minutes, GitHub allows ten) buys an installation token for the one
 * repository of a held deployment, with only {@code deployments: write}; the token is kept until
 * five minutes before it expires. Status reports and the answer go to the deployment's callback URL
 * ({@code POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule}): a report
 * without {@code state}, the answer with {@code state} {@code approved} or {@code rejected}.
 * Neither the key nor a token is ever logged or stored.
 */
@Component
class GitHubApp implements ForgeClient {

  static final String API_VERSION = "2022-11-28";
  private static final Duration ISSUED_BEFORE = Duration.ofSeconds(60);
  private static final Duration JWT_LIFETIME = Duration.ofMinutes(9);
  private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

  private final GitHubProperties properties;
  private final ForgeHttp http;
  private final Clock clock;
  private final RSAPrivateKey key;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  private record Token(String value, Instant expiresAt) {}

  GitHubApp(GitHubProperties properties, ForgeHttp http, Clock clock) {
    this.properties = properties;
    this.http = http;
    this.clock = clock;
    this.key = properties.enabled() ? GitHubAppKey.parse(pem(properties)) : null;
  }

  private static String pem(GitHubProperties properties) {
    if (properties.privateKey() != null && !properties.privateKey().isBlank()) {
      // an environment variable may carry the PEM's line breaks as \n
      return properties.privateKey().replace("\\n", "\n");
    }
    try {
      return Files.readString(Path.of(properties.privateKeyFile()), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "deployment-request.github.private-key-file cannot be read: "
              + properties.privateKeyFile(),
          e);
    }
  }

  @Override
  public boolean enabled() {
    return key != null;
  }

  @Override
  public Forge forge() {
    return Forge.GITHUB;
  }

  @Override
  public boolean reports() {
    return true;
  }

  @Override
  public void report(Held held, String text) throws IOException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("environment_name", held.forgeEnvironment());
    body.put("comment", Comments.fit(text));
    post(held, body, "status report");
  }

  @Override
  public void answer(Held held, boolean approve, String comment)
      throws IOException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("environment_name", held.forgeEnvironment());
    body.put("state", approve ? HeldDeployments.APPROVED : HeldDeployments.REJECTED);
    body.put("comment", Comments.fit(comment));
    post(held, body, approve ? "approval" : "rejection");
  }

  private void post(Held held, Map<String, Object> body, String what)
      throws IOException, InterruptedException {
    String token = token(held.installationId(), held.repositoryId());
    ForgeHttp.Answer answer =
        http.send("POST", URI.create(held.target()), headers("Bearer " + token), body);
    if (answer.status() == 401) {
      tokens.remove(cacheKey(held.installationId(), held.repositoryId()));
      throw new Refused(what + ": HTTP 401 (token refused, a new one next time)", true);
    }
    if (!answer.ok()) {
      throw Refused.status(what, answer.status());
    }
  }

  /** An installation token for one repository, from the cache while it lasts. */
  String token(Long installationId, Long repositoryId) throws IOException, InterruptedException {
    if (installationId == null) {
      throw new Refused("the webhook named no installation", false);
    }
    String cacheKey = cacheKey(installationId, repositoryId);
    Token cached = tokens.get(cacheKey);
    Instant now = clock.instant();
    if (cached != null && now.isBefore(cached.expiresAt().minus(RENEW_BEFORE))) {
      return cached.value();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (repositoryId != null) {
      body.put("repository_ids", List.of(repositoryId));
    }
    body.put("permissions", Map.of("deployments", "write"));
    ForgeHttp.Answer answer =
        http.send(
            "POST",
            URI.create(apiUrl() + "/app/installations/" + installationId + "/access_tokens"),
            headers("Bearer " + jwt(now)),
            body);
    if (!answer.ok()) {
      throw Refused.status("installation token", answer.status());
    }
    JsonNode token = answer.body() == null ? null : answer.body().get("token");
    if (token == null || !token.isTextual()) {
      throw new Refused("installation token: no token in GitHub's answer", true);
    }
    Instant expires;
    try {
      expires = Instant.parse(answer.body().path("expires_at").asText());
    } catch (RuntimeException noExpiry) {
      expires = now.plus(Duration.ofMinutes(10));
    }
    tokens.put(cacheKey, new Token(token.asText(), expires));
    return token.asText();
  }

  /** The App's JWT: {@code iss} the App id, {@code iat} a minute ago, {@code exp} in nine. */
  String jwt(Instant now) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(properties.appId())
            .issueTime(Date.from(now.minus(ISSUED_BEFORE)))
            .expirationTime(Date.from(now.plus(JWT_LIFETIME)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("The GitHub App's JWT cannot be signed", e);
    }
    return jwt.serialize();
  }

  /** GitHub's API without a trailing slash. */
  String apiUrl() {
    String url = properties.apiUrl().toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static Map<String, String> headers(String authorization) {
    return Map.of(
        "Authorization",
        authorization,
        "Accept",
        "application/vnd.github+json",
        "X-GitHub-Api-Version",
        API_VERSION,
        "User-Agent",
        "deployment-request-gate");
  }

  private static String cacheKey(Long installationId, Long repositoryId) {
    return installationId + "/" + repositoryId;
  }
}
