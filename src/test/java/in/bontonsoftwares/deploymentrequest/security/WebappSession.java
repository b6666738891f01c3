package in.bontonsoftwares.deploymentrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The webapps' own session login, as the browser does it: session cookie plus Camunda's CSRF token. */
record WebappSession(HttpClient client, String base, String csrfToken) {

  static WebappSession login(int port, String user, String password) throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    String base = "http://localhost:" + port;
    HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base
        + "/camunda/api/admin/auth/user/default")).GET().build(), HttpResponse.BodyHandlers.ofString());
    String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base
            + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    // the login starts a new session with a new token, which the next read hands out
    HttpResponse<String> after = client.send(HttpRequest.newBuilder(URI.create(base
        + "/camunda/api/admin/auth/user/default")).GET().build(), HttpResponse.BodyHandlers.ofString());
    return new WebappSession(client, base, after.headers().firstValue("X-XSRF-TOKEN").orElseThrow());
  }

  HttpResponse<String> post(String path, String json, boolean withCsrfToken) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (withCsrfToken) {
      request.header("X-XSRF-TOKEN", csrfToken);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
