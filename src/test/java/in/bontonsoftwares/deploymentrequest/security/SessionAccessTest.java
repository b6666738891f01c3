package in.bontonsoftwares.deploymentrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.EngineRequests;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One sign-in: the Tasklist session reaches our pages and {@code /api}; a change over that session
 * needs Camunda's CSRF token from a page of this server, and is refused before anything changes
 * without it; signed out, our pages' calls get a bare 401 (no password prompt). The requester reads
 * their own record and mails, another developer gets 404.
 */
@WebAppTest
class SessionAccessTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired DeploymentRequestProperties properties;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired FormService formService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;

  private EngineRequests requests;
  private String password;

  @BeforeEach
  void setUp() {
    requests =
        new EngineRequests(
            properties,
            identityService,
            repositoryService,
            formService,
            taskService,
            managementService,
            historyService);
    password = properties.demo().password();
  }

  @Test
  void shouldReachOurApiAndPagesWithTheTasklistSessionAndAskNoPasswordWhenSignedOut()
      throws Exception {
    String number = requests.inReview("dana", "Session GET");
    WebappSession dana = WebappSession.login(port, "dana", password);

    HttpResponse<String> me = get(dana.client(), "/api/me", true);
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    assertThat(JSON.readTree(me.body()).get("id").asText()).isEqualTo("dana");
    HttpResponse<String> status = get(dana.client(), "/api/deployment-requests/" + number, true);
    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
    JsonNode task = JSON.readTree(status.body()).get("openTasks").get(0);
    assertThat(task.get("candidateGroupNames").toString()).isEqualTo("[\"DevSecOps\"]");
    assertThat(JSON.readTree(status.body()).get("links").get("page").asText())
        .isEqualTo("/requests.html?request=" + number);
    assertThat(get(dana.client(), "/requests.html", false).statusCode()).isEqualTo(200);

    HttpClient signedOut = HttpClient.newHttpClient();
    HttpResponse<String> refused = get(signedOut, "/api/me", true);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).isEmpty();
    HttpResponse<String> page = get(signedOut, "/requests.html", false);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(get(signedOut, "/mailbox.html", false).statusCode()).isEqualTo(200);
    // a client that is not one of our pages is still asked for HTTP Basic
    assertThat(get(signedOut, "/api/me", false).headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
  }

  @Test
  void shouldKeepTheWebappsSessionIdSoThatAPagesParallelCallsStaySignedIn() throws Exception {
    WebappSession dana = WebappSession.login(port, "dana", password);
    for (String path : List.of("/api/me", "/api/me/notifications", "/requests.html", "/api/me")) {
      HttpResponse<String> answer = get(dana.client(), path, true);
      assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
      // a new id (session fixation protection) would sign out the calls sent with the old one
      assertThat(answer.headers().allValues("Set-Cookie"))
          .as(path)
          .noneMatch(cookie -> cookie.startsWith("JSESSIONID="));
    }
  }

  @Test
  void shouldSayTheSessionsCsrfTokenOnlyToThatSessionAndToNoOtherSite() throws Exception {
    WebappSession dana = WebappSession.login(port, "dana", password);
    HttpResponse<String> own =
        dana.client()
            .send(
                HttpRequest.newBuilder(URI.create(dana.base() + "/api/session/csrf-token"))
                    .header("Origin", "https://evil.example")
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    assertThat(JSON.readTree(own.body()).get("X-XSRF-TOKEN").asText()).isEqualTo(dana.csrfToken());
    // no other site's script may read it: no CORS, and never kept in a cache
    assertThat(own.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(own.headers().firstValue("Cache-Control")).hasValue("no-store");
    // another session, or none, gets nothing of hers
    WebappSession dev = WebappSession.login(port, "dev", password);
    HttpResponse<String> devs = get(dev.client(), "/api/session/csrf-token", true);
    assertThat(JSON.readTree(devs.body()).get("X-XSRF-TOKEN").asText())
        .isEqualTo(dev.csrfToken())
        .isNotEqualTo(dana.csrfToken());
    assertThat(get(HttpClient.newHttpClient(), "/api/session/csrf-token", true).statusCode())
        .isEqualTo(404);
  }

  @Test
  void shouldRefuseAChangeOverTheSessionWithoutCamundasCsrfTokenBeforeAnythingChanges()
      throws Exception {
    WebappSession dana = WebappSession.login(port, "dana", password);
    String body = JSON.writeValueAsString(TestRequests.validRequest(properties));
    String self = "http://localhost:" + port;
    long before = startedBy("dana");

    List<HttpResponse<String>> refusals = new ArrayList<>();
    refusals.add(post(dana, body, null, self));
    refusals.add(post(dana, body, "not-the-token", self));
    refusals.add(post(dana, body, dana.csrfToken(), null));
    refusals.add(post(dana, body, dana.csrfToken(), "https://evil.example"));

    for (HttpResponse<String> refusal : refusals) {
      assertThat(refusal.statusCode()).as(refusal.body()).isEqualTo(403);
      assertThat(JSON.readTree(refusal.body()).get("detail").asText()).isNotBlank();
    }
    assertThat(startedBy("dana")).isEqualTo(before);

    // the same call as the webapps make it is accepted: the check, not a blanket refusal
    HttpResponse<String> accepted = post(dana, body, dana.csrfToken(), self);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    assertThat(startedBy("dana")).isEqualTo(before + 1);
  }

  @Test
  void shouldServeTheRequesterTheirOwnRecordAndMailsAndAnotherDeveloperNothing() throws Exception {
    String number = requests.inReview("dana", "Session record");
    requests.reject(number);
    WebappSession dana = WebappSession.login(port, "dana", password);
    WebappSession dev = WebappSession.login(port, "dev", password);
    WebappSession sofia = WebappSession.login(port, "sofia", password);

    HttpResponse<byte[]> pdf = getBytes(dana.client(), "/api/records/" + number + "/pdf");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
    assertThat(get(dana.client(), "/api/records/" + number, true).statusCode()).isEqualTo(200);
    assertThat(getBytes(dev.client(), "/api/records/" + number + "/pdf").statusCode())
        .isEqualTo(404);
    assertThat(get(dev.client(), "/api/records/" + number + "/json", true).statusCode())
        .isEqualTo(404);
    assertThat(get(dev.client(), "/api/deployment-requests/" + number, true).statusCode())
        .isEqualTo(404);
    assertThat(getBytes(sofia.client(), "/api/records/" + number + "/pdf").statusCode())
        .isEqualTo(200);
    // the archive as a whole stays DevSecOps' and admins'
    assertThat(get(dana.client(), "/api/records", true).statusCode()).isEqualTo(403);

    JsonNode danasMails = JSON.readTree(get(dana.client(), "/api/mailbox", true).body());
    assertThat(danasMails).isNotEmpty();
    for (JsonNode mail : danasMails) {
      assertThat(mail.get("to").toString() + mail.get("cc")).contains("dana@example.com");
    }
    JsonNode rejection =
        danasMails.findParents("subject").stream()
            .filter(mail -> mail.get("subject").asText().contains("Session record"))
            .filter(mail -> mail.get("attachments").size() > 0)
            .findFirst()
            .orElseThrow();
    JsonNode attachment = rejection.get("attachments").get(0);
    assertThat(attachment.get("name").asText()).isEqualTo(number + ".pdf");
    HttpResponse<byte[]> download = getBytes(dana.client(), "/" + attachment.get("url").asText());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("attachment"));
    assertThat(new String(download.body(), 0, 5)).isEqualTo("%PDF-");
    assertThat(getBytes(dev.client(), "/" + attachment.get("url").asText()).statusCode())
        .isEqualTo(404);
    assertThat(JSON.readTree(get(dev.client(), "/api/mailbox", true).body()).toString())
        .doesNotContain(number);
    assertThat(JSON.readTree(get(sofia.client(), "/api/mailbox", true).body()).toString())
        .contains("devsecops@bontonsoftwares.in", number);
  }

  @Test
  void shouldLetTheEngineRefuseATaskCreatedByADeveloper() throws Exception {
    WebappSession dana = WebappSession.login(port, "dana", password);
    long before = taskService.createTaskQuery().count();

    HttpResponse<String> created =
        dana.post("/camunda/api/engine/engine/default/task/create", "{\"name\": \"Mine\"}", true);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().count()).isEqualTo(before);
  }

  private long startedBy(String user) {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(DeploymentRequestProcess.KEY)
        .startedBy(user)
        .count();
  }

  private HttpResponse<String> post(
      WebappSession session, String body, String csrfToken, String origin) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(session.base() + "/api/deployment-requests"))
            .header("Content-Type", "application/json")
            .header("X-Requested-With", "XMLHttpRequest")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (csrfToken != null) {
      request.header("X-XSRF-TOKEN", csrfToken);
    }
    if (origin != null) {
      request.header("Origin", origin);
    }
    return session.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(HttpClient client, String path, boolean fromOurPage)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (fromOurPage) {
      request.header("X-Requested-With", "XMLHttpRequest");
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> getBytes(HttpClient client, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
