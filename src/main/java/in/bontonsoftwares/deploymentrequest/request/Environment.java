package in.bontonsoftwares.deploymentrequest.request;

import java.util.Arrays;
import java.util.Optional;

/**
 * The shared environments a deployment can target; {@code id} is the value forms and REST clients
 * send.
 */
public enum Environment {
  DEVELOPMENT("development", "Development"),
  TESTING("testing", "Testing"),
  STAGING("staging", "Staging"),
  PRODUCTION("production", "Production");

  private final String id;
  private final String label;

  Environment(String id, String label) {
    this.id = id;
    this.label = label;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public static Optional<Environment> fromId(String id) {
    return Arrays.stream(values()).filter(environment -> environment.id.equals(id)).findFirst();
  }

  /** The label for a known id, the id itself otherwise (older data stays readable). */
  public static String labelOf(String id) {
    return fromId(id).map(Environment::label).orElse(id == null ? "" : id);
  }
}
