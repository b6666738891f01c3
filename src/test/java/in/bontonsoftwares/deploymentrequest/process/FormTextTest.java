package in.bontonsoftwares.deploymentrequest.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Values people type are data, never markup: form-js renders a {@code text} component as Markdown
 * (and an {@code html} one as HTML) after filling in its {@code {{ }}} templates or its FEEL
 * expression, so a project name like {@code ![x](https://evil.example/track.png)} would become an
 * image in the reviewer's form. Typed values are shown in fields, read-only where they are context;
 * texts are fixed.
 */
class FormTextTest {

  private static final Map<String, JsonNode> FORMS = new LinkedHashMap<>();

  @BeforeAll
  static void readEveryPackagedForm() throws IOException {
    for (Resource resource :
        new PathMatchingResourcePatternResolver().getResources("classpath*:forms/**/*.form")) {
      try (InputStream in = resource.getInputStream()) {
        FORMS.put(resource.getFilename(), new ObjectMapper().readTree(in));
      }
    }
  }

  @Test
  void shouldInterpolateNoVariableWhenAFormShowsText() {
    List<JsonNode> texts = new ArrayList<>();
    FORMS.values().forEach(form -> collect(form, texts));

    assertThat(FORMS).containsKeys("start-deployment-request.form", "review-request.form");
    assertThat(texts).isNotEmpty();
    for (JsonNode text : texts) {
      String content = text.path(text.has("content") ? "content" : "text").asText();
      assertThat(content).as(text.path("id").asText()).doesNotContain("{{").doesNotStartWith("=");
    }
  }

  @Test
  void shouldShowTheReviewerTheProjectNameInAReadOnlyField() {
    List<JsonNode> fields = new ArrayList<>();
    collectKey(FORMS.get("review-request.form"), "projectName", fields);

    assertThat(fields)
        .singleElement()
        .satisfies(
            field -> {
              assertThat(field.path("type").asText()).isEqualTo("textfield");
              assertThat(field.path("readonly").asBoolean()).isTrue();
            });
  }

  private static void collect(JsonNode node, List<JsonNode> texts) {
    String type = node.path("type").asText();
    if (type.equals("text") || type.equals("html")) {
      texts.add(node);
    }
    node.forEach(child -> collect(child, texts));
  }

  private static void collectKey(JsonNode node, String key, List<JsonNode> fields) {
    if (key.equals(node.path("key").asText())) {
      fields.add(node);
    }
    node.forEach(child -> collectKey(child, key, fields));
  }
}
