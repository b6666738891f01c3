package in.bontonsoftwares.deploymentrequest.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;

/** Reads Camunda Form files (form-js schema): the one reader of the app's forms. */
public final class CamundaForms {

  /** Components that show something and hold no value. */
  private static final Set<String> DISPLAY_ONLY =
      Set.of(
          "text",
          "html",
          "image",
          "spacer",
          "separator",
          "button",
          "iframe",
          "table",
          "documentPreview");

  /** form-js labels a datetime field's date part "Preferred window start — date". */
  private static final String DATE_SUFFIX = " \u2014 date";

  private static final ObjectMapper JSON = new ObjectMapper();

  private CamundaForms() {}

  /**
   * A keyed component of a form.
   *
   * @param readOnly the form marks it read-only ({@code readonly: true})
   * @param locked read-only or disabled, also by an expression that may hold at any moment: a
   *     person may not be trusted to have left it alone
   * @param options an option's value to its label (selects, radios, checklists)
   */
  public record FormField(
      String key,
      String type,
      String label,
      boolean readOnly,
      boolean locked,
      Map<String, String> options) {

    /** The label the form shows for an option's value, or the value itself. */
    public String optionLabel(String value) {
      return options.getOrDefault(value, value);
    }

    /** Whether the component holds a value a person could send (not text, images, buttons). */
    public boolean holdsValue() {
      return !DISPLAY_ONLY.contains(type);
    }
  }

  /** The keyed fields of a form, in the order the form shows them (a group before its fields). */
  public static List<FormField> fields(JsonNode form) {
    List<FormField> fields = new ArrayList<>();
    collect(form.path("components"), fields);
    return List.copyOf(fields);
  }

  /** A form file's content. */
  public static JsonNode read(InputStream form) throws IOException {
    return JSON.readTree(form);
  }

  /** The forms deployed in one deployment, by their form id. */
  public static Map<String, JsonNode> deployed(
      RepositoryService repositoryService, String deploymentId) {
    Map<String, JsonNode> forms = new HashMap<>();
    for (String resource : repositoryService.getDeploymentResourceNames(deploymentId)) {
      if (resource.endsWith(".form")) {
        try (InputStream in = repositoryService.getResourceAsStream(deploymentId, resource)) {
          JsonNode form = read(in);
          forms.put(form.path("id").asText(), form);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read the deployed form " + resource, e);
        }
      }
    }
    return Map.copyOf(forms);
  }

  private static void collect(JsonNode components, List<FormField> fields) {
    for (JsonNode component : components) {
      String key = component.path("key").asText(null);
      if (key != null) {
        Map<String, String> options = new LinkedHashMap<>();
        for (JsonNode option : component.path("values")) {
          if (option.has("value") && option.has("label")) {
            options.put(option.get("value").asText(), option.get("label").asText());
          }
        }
        fields.add(
            new FormField(
                key,
                component.path("type").asText(),
                label(component),
                component.path("readonly").asBoolean(false),
                isSet(component.get("readonly")) || isSet(component.get("disabled")),
                Map.copyOf(options)));
      }
      collect(component.path("components"), fields);
    }
  }

  private static String label(JsonNode component) {
    String label = component.path("label").asText(null);
    if (label == null) {
      label = component.path("dateLabel").asText(component.path("key").asText());
      if (label.endsWith(DATE_SUFFIX)) {
        label = label.substring(0, label.length() - DATE_SUFFIX.length());
      }
    }
    return label;
  }

  private static boolean isSet(JsonNode flag) {
    return flag != null && !flag.isNull() && !(flag.isBoolean() && !flag.booleanValue());
  }
}
