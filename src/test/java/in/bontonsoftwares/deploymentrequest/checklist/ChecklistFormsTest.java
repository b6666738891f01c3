package in.bontonsoftwares.deploymentrequest.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties.Checklist;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties.Item;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * The checklist has one definition, {@code deployment-request.checklist.items} in {@code
 * application.yaml}; the four forms that show it follow it: per item a checkbox {@code
 * checklist<Id>} labelled with its text and an evidence field {@code checklist<Id>Evidence} with
 * its hint, in the configured order, editable in the requester's forms and read-only in the review.
 * When they disagree this test fails; {@code -Dchecklist.forms.write=true} rewrites the checklist
 * group of each form from the definition instead (and leaves the rest of the form as it is).
 */
class ChecklistFormsTest {

  static final String WRITE = "checklist.forms.write";
  private static final String GROUP = "Group_Checklist";
  private static final String PREFIX = "checklist";

  /** The forms that show the checklist, and whether the person may change it there. */
  private static final Map<String, Boolean> FORMS =
      Map.of(
          "start-deployment-request", true,
          "complete-checklist", true,
          "amend-request", true,
          "review-request", false);

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<Item> items;

  @BeforeAll
  static void readDefinition() throws IOException {
    var sources =
        new YamlPropertySourceLoader()
            .load("application.yaml", new ClassPathResource("application.yaml"));
    items =
        new Binder(ConfigurationPropertySources.from(sources.get(0)))
            .bind("deployment-request.checklist", Checklist.class)
            .orElseThrow(() -> new IllegalStateException("no checklist in application.yaml"))
            .items();
  }

  @Test
  void shouldShowTheConfiguredChecklistInEveryFormThatHasIt() throws IOException {
    for (Map.Entry<String, Boolean> form : FORMS.entrySet()) {
      Path file = Path.of("forms", form.getKey() + ".form");
      ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
      ArrayNode group = checklistGroup(json, file);
      ArrayNode expected = expectedGroup(group, form.getValue());
      if (Boolean.getBoolean(WRITE)) {
        group.removeAll();
        group.addAll(expected);
        Files.writeString(file, write(json), StandardCharsets.UTF_8);
      }
      assertThat(group)
          .as(
              "%s does not follow deployment-request.checklist.items in application.yaml; run"
                  + " ./mvnw test -Dtest=ChecklistFormsTest -D%s=true to rewrite it",
              file, WRITE)
          .isEqualTo(expected);
    }
  }

  @Test
  void shouldWriteFormsInTheirOwnFormatSoThatARewriteChangesOnlyTheChecklist() throws IOException {
    for (String form : FORMS.keySet()) {
      Path file = Path.of("forms", form + ".form");
      assertThat(write(JSON.readTree(file.toFile())))
          .as(file.toString())
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
  }

  /** Whatever the group shows before the items (a hint), then the items as configured. */
  private static ArrayNode expectedGroup(ArrayNode group, boolean editable) {
    ArrayNode expected = JSON.createArrayNode();
    for (JsonNode component : group) {
      if (!component.path("key").asText().startsWith(PREFIX)) {
        expected.add(component);
      }
    }
    for (Item item : items) {
      ObjectNode answer = component(ChecklistService.answer(item).name(), "checkbox", item.text());
      ObjectNode evidence =
          component(ChecklistService.evidence(item).name(), "textfield", "Evidence (link or note)");
      if (editable) {
        if (item.evidence() != null) {
          evidence.put("description", item.evidence());
        }
        evidence.putObject("validate").put("maxLength", 1000);
      } else {
        answer.put("readonly", true);
        evidence.put("readonly", true);
      }
      expected.add(answer);
      expected.add(evidence);
    }
    return expected;
  }

  private static ObjectNode component(String key, String type, String label) {
    ObjectNode component = JSON.createObjectNode();
    component.put("id", "Field_" + key);
    component.put("type", type);
    component.put("key", key);
    component.put("label", label);
    return component;
  }

  private static ArrayNode checklistGroup(JsonNode form, Path file) {
    for (JsonNode component : form.path("components")) {
      if (GROUP.equals(component.path("id").asText())) {
        return (ArrayNode) component.get("components");
      }
    }
    throw new AssertionError(file + " has no " + GROUP);
  }

  /** As Camunda Modeler writes forms: two spaces, {@code "key": value}, a final line break. */
  private static String write(JsonNode json) throws IOException {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
            .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    return JSON.writer(printer).writeValueAsString(json) + "\n";
  }
}
