package in.bontonsoftwares.deploymentrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The webapps' own session login, as the browser does it: session cookie plus Camunda's CSRF token.
 */
public record WebappSession(HttpClient client, String base, String csrfToken) {

  private static final String AUTH = "/camunda/api/admin/auth/user/default";

  /** A session signed in to Tasklist; fails the test unless the login succeeds. */
  public static WebappSession login(int port, String user, String password) throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String base = "http://localhost:" + port;
    HttpResponse<String> login = attempt(client, base, user, password);
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    // the login starts a new session with a new token, which the next read hands out
    return new WebappSession(client, base, token(client, base));
  }

  /** The answer to one attempt to sign in to Tasklist on the login form, in a new session. */
  public static HttpResponse<String> attempt(int port, String user, String password)
      throws Exception {
    return attempt(
        HttpClient.newBuilder().cookieHandler(new CookieManager()).build(),
        "http://localhost:" + port,
        user,
        password);
  }

  private static HttpResponse<String> attempt(
      HttpClient client, String base, String user, String password) throws Exception {
    String form =
        "username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return client.send(
        HttpRequest.newBuilder(URI.create(base + AUTH + "/login/tasklist"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-XSRF-TOKEN", token(client, base))
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String token(HttpClient client, String base) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create(base + AUTH)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .headers()
        .firstValue("X-XSRF-TOKEN")
        .orElseThrow();
  }

  public HttpResponse<String> post(String path, String json, boolean withCsrfToken)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (withCsrfToken) {
      request.header("X-XSRF-TOKEN", csrfToken);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
