package in.bontonsoftwares.deploymentrequest.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Component;

/**
 * The fields of a Camunda Form deployed with the process, with the labels people see: what the
 * revision comparison names and how it shows a select's value. Read from the process's own
 * deployment, so a request is compared with the labels of the forms it was started with.
 */
@Component
class FormFields {

  /** One field of a form: its key, form-js type, label and, for a select or radio, its options. */
  record Field(
      String key, String type, String label, boolean readOnly, Map<String, String> options) {

    /** The label of an option's value; the value itself when the form has no such option. */
    String optionLabel(String value) {
      return options.getOrDefault(value, value);
    }
  }

  private static final String DATE_SUFFIX = " \u2014 date";

  private final RepositoryService repositoryService;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, List<Field>> cache = new ConcurrentHashMap<>();

  FormFields(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  /** The keyed fields of the form with {@code formId} in the deployment of the definition. */
  List<Field> of(String processDefinitionId, String formId) {
    return cache.computeIfAbsent(
        processDefinitionId + "/" + formId, key -> read(processDefinitionId, formId));
  }

  private List<Field> read(String processDefinitionId, String formId) {
    String deploymentId =
        repositoryService.getProcessDefinition(processDefinitionId).getDeploymentId();
    for (String resource : repositoryService.getDeploymentResourceNames(deploymentId)) {
      if (resource.endsWith(".form")) {
        try (InputStream in = repositoryService.getResourceAsStream(deploymentId, resource)) {
          JsonNode form = json.readTree(in);
          if (formId.equals(form.path("id").asText())) {
            return parse(form);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read the deployed form " + resource, e);
        }
      }
    }
    throw new IllegalStateException("No form " + formId + " in deployment " + deploymentId);
  }

  /** The keyed fields of a form file, in the order the form shows them. */
  static List<Field> parse(JsonNode form) {
    List<Field> fields = new ArrayList<>();
    collect(form.path("components"), fields);
    return List.copyOf(fields);
  }

  private static void collect(JsonNode components, List<Field> fields) {
    for (JsonNode component : components) {
      String key = component.path("key").asText(null);
      if (key != null) {
        Map<String, String> options = new LinkedHashMap<>();
        for (JsonNode option : component.path("values")) {
          options.put(option.path("value").asText(), option.path("label").asText());
        }
        fields.add(
            new Field(
                key,
                component.path("type").asText(),
                label(component),
                component.path("readonly").asBoolean(false),
                Map.copyOf(options)));
      }
      collect(component.path("components"), fields);
    }
  }

  /** A datetime field has a date and a time label: "Preferred window start — date". */
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
}
