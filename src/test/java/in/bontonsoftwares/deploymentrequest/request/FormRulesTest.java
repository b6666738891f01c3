package in.bontonsoftwares.deploymentrequest.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.Variable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forms and server accept the same emails and URLs: every editable email or URL field's pattern is
 * the server's own expression (form-js runs it as a JavaScript RegExp, the server as a Java
 * Pattern; these use only syntax both read alike), and the pickers of a window are minute-exact and
 * say which time zone they show.
 */
class FormRulesTest {

  private static final Map<String, String> RULES =
      Map.of(
          "onCallEmail", RequestValidator.EMAIL_PATTERN,
          "stakeholderEmails", RequestValidator.EMAIL_LIST_PATTERN,
          "healthCheckUrl", RequestValidator.URL_PATTERN,
          "pipelineRunUrl", RequestValidator.URL_PATTERN);

  private static final List<JsonNode> FIELDS = new ArrayList<>();

  @BeforeAll
  static void readTheForms() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        collect(new ObjectMapper().readTree(file.toFile()).path("components"), file);
      }
    }
  }

  @Test
  void shouldCheckEveryEditableEmailAndUrlWithTheServersExpression() {
    List<String> checked = new ArrayList<>();
    for (JsonNode field : FIELDS) {
      String key = field.path("key").asText();
      if (RULES.containsKey(key) && !field.path("readonly").asBoolean()) {
        assertThat(field.path("validate").path("pattern").asText())
            .as(field.path("form").asText() + " " + key)
            .isEqualTo(RULES.get(key));
        assertThat(field.path("validate").has("validationType"))
            .as("form-js's own email check accepts olivia@example: " + key)
            .isFalse();
        assertThat(field.path("description").asText())
            .as("the rule in words: " + key)
            .containsAnyOf("@example.com", "http:// or https://");
        checked.add(field.path("form").asText() + " " + key);
      }
    }
    assertThat(checked)
        .contains(
            "start-deployment-request.form onCallEmail",
            "amend-request.form healthCheckUrl",
            "schedule-deployment.form stakeholderEmails");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"olivia.oncall@example", "olivia@example.c", "olivia at example.com", "@x.com"})
  void shouldRefuseInFormAndServerAnEmailWithoutAFullDomain(String email) {
    assertThat(Pattern.compile(RequestValidator.EMAIL_PATTERN).matcher(email).matches()).isFalse();
    assertThat(RequestValidator.isEmail(email)).isFalse();
    assertThat(problems("onCallEmail", email)).anyMatch(p -> p.contains("not a valid email"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://ci.example.com/run/1",
        "https://ci.example.com/run 1",
        "https://",
        "https://build_server/run/1",
        "ci.example.com/run/1"
      })
  void shouldRefuseInFormAndServerAUrlThatIsNoHttpAddress(String url) {
    assertThat(Pattern.compile(RequestValidator.URL_PATTERN).matcher(url).matches()).isFalse();
    assertThat(problems("healthCheckUrl", url))
        .anyMatch(p -> p.contains("starts with http:// or https://"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://payments.example.com/actuator/health",
        "http://10.0.0.7:8080/health?full=true#top",
        "https://ci.example.com/runs/5521/jobs/%2Fbuild"
      })
  void shouldAcceptAnHttpAddressInFormAndServer(String url) {
    assertThat(Pattern.compile(RequestValidator.URL_PATTERN).matcher(url).matches()).isTrue();
    assertThat(problems("healthCheckUrl", url)).noneMatch(p -> p.contains("Health-check URL"));
  }

  @Test
  void shouldAcceptTheSameStakeholderListsInFormAndServer() {
    Pattern list = Pattern.compile(RequestValidator.EMAIL_LIST_PATTERN);
    assertThat(list.matcher("ana@example.com, raj@example.co.in; lee@example.org").matches())
        .isTrue();
    assertThat(list.matcher("ana@example.com, raj@example").matches()).isFalse();
    assertThat(problems("stakeholderEmails", "ana@example.com, raj@example"))
        .anyMatch(p -> p.contains("not valid: raj@example"));
  }

  @Test
  void shouldPickEveryWindowToTheMinuteAndNameTheZoneItShows() {
    List<JsonNode> windows =
        FIELDS.stream().filter(f -> f.path("type").asText().equals("datetime")).toList();
    assertThat(windows).hasSizeGreaterThanOrEqualTo(10);
    for (JsonNode window : windows) {
      String name = window.path("form").asText() + " " + window.path("key").asText();
      assertThat(window.path("timeInterval").asInt()).as(name).isEqualTo(1);
      assertThat(window.path("timeSerializingFormat").asText())
          .as(name)
          .isEqualTo("utc_normalized");
      assertThat(window.path("description").asText()).as(name).contains("your browser's time zone");
    }
  }

  private static List<String> problems(String key, String value) {
    Map<String, Object> values = new HashMap<>();
    values.put(key, value);
    ProcessVariables variables = ProcessVariables.of(values);
    Problems problems = new Problems();
    RequestValidator validator = TestValidators.at(Instant.EPOCH);
    validator.email(variables, Variable.text("onCallEmail"), "On-call contact email", problems);
    validator.emailList(variables, Variable.text("stakeholderEmails"), problems);
    validator.url(variables, Variable.text("healthCheckUrl"), "Health-check URL", problems);
    try {
      problems.throwIfAny();
      return List.of();
    } catch (RequestValidationException refused) {
      return refused.problems();
    }
  }

  private static void collect(JsonNode components, Path file) {
    for (JsonNode component : components) {
      if (component.has("key")) {
        FIELDS.add(
            ((com.fasterxml.jackson.databind.node.ObjectNode) component.deepCopy())
                .put("form", file.getFileName().toString()));
      }
      collect(component.path("components"), file);
    }
  }
}
