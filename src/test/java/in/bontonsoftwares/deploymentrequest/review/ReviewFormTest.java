package in.bontonsoftwares.deploymentrequest.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.bontonsoftwares.deploymentrequest.process.ReviewPoint;
import in.bontonsoftwares.deploymentrequest.process.Variable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The review form asks exactly the five review points that the approval requires. */
class ReviewFormTest {

  @Test
  void shouldAskEachReviewPointAsACheckboxAndNoOther() throws IOException {
    JsonNode form = new ObjectMapper().readTree(Path.of("forms", "review-request.form").toFile());
    List<String> checkboxes = new ArrayList<>();
    collectReviewCheckboxes(form.path("components"), checkboxes);

    assertThat(checkboxes)
        .containsExactlyElementsOf(ReviewPoint.variables().stream().map(Variable::name).toList());
  }

  private static void collectReviewCheckboxes(JsonNode components, List<String> keys) {
    for (JsonNode component : components) {
      String key = component.path("key").asText();
      if ("checkbox".equals(component.path("type").asText())
          && key.startsWith("review")
          && !component.path("readonly").asBoolean()) {
        keys.add(key);
      }
      collectReviewCheckboxes(component.path("components"), keys);
    }
  }
}
