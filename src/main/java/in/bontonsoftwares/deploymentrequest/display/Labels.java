package in.bontonsoftwares.deploymentrequest.display;

import in.bontonsoftwares.deploymentrequest.form.CamundaForms;
import in.bontonsoftwares.deploymentrequest.form.CamundaForms.FormField;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The labels people chose from for option values ({@code requestChanges} is "Request changes",
 * {@code medium} "Medium"), read from the Camunda Forms themselves, so that mails and the record
 * say what the form said. A value no form offers (older data) is shown as it is.
 */
@Component
public class Labels {

  private final Map<String, Map<String, String>> byKey = new HashMap<>();

  Labels() {
    this("classpath*:forms/**/*.form");
  }

  Labels(String forms) {
    try {
      for (Resource form : new PathMatchingResourcePatternResolver().getResources(forms)) {
        try (InputStream in = form.getInputStream()) {
          for (FormField field : CamundaForms.fields(CamundaForms.read(in))) {
            Map<String, String> labels = byKey.computeIfAbsent(field.key(), k -> new HashMap<>());
            field.options().forEach(labels::putIfAbsent);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the forms' labels", e);
    }
  }

  /** The label of {@code value} in the form field {@code key}, or the value itself. */
  public String of(String key, String value) {
    if (value == null) {
      return "";
    }
    return byKey.getOrDefault(key, Map.of()).getOrDefault(value, value);
  }
}
