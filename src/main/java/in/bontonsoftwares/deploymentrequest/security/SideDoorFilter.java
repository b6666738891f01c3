package in.bontonsoftwares.deploymentrequest.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * The side doors shut at the HTTP door, before a resource of {@code /engine-rest} or of the
 * webapps' engine API ({@code /camunda/api/engine/engine/{name}/...}) is even called: the same rule
 * ({@link AdminOnly}) that {@link StepGate} applies again inside the engine, for the Java API and
 * any door added later. Answers 403 with Camunda's error format.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class SideDoorFilter implements ContainerRequestFilter {

  private static final String ID = "[^/]+";

  /**
   * Method and path below the API's root; the webapps' API puts {@code engine/<name>/} in front.
   */
  private static final List<Door> DOORS =
      List.of(
          new Door("POST", "job/" + ID + "/execute"),
          new Door("PUT", "job/" + ID + "/(retries|duedate|priority|suspended)"),
          new Door("POST", "job/" + ID + "/duedate/recalculate"),
          new Door("PUT|POST", "job/(retries|suspended)"),
          new Door("PUT|POST", "job-definition/.*"),
          new Door("POST", "process-instance/" + ID + "/modification(-async)?"),
          new Door("POST", "modification/execute(Async)?"),
          new Door("POST", "process-definition/" + ID + "/restart(-async)?"),
          new Door("PUT|POST|DELETE", "process-instance/" + ID + "/variables(/.*)?"),
          new Door("PUT|POST|DELETE", "execution/" + ID + "/localVariables(/.*)?"),
          new Door("POST", "process-instance/variables-async"),
          new Door("PUT", "process-instance/" + ID + "/suspended"),
          new Door("PUT|POST", "process-instance/suspended(-async)?"),
          new Door("PUT", "process-definition/(key/" + ID + "/|" + ID + "/)?suspended"),
          new Door("POST", "message(/async)?"),
          new Door("POST", "signal"),
          new Door("POST", "migration/execute(Async)?"),
          new Door("POST", "task/" + ID + "/(resolve|bpmnError|bpmnEscalation)"));

  /** A start, which is for everyone who may start, unless it says where to start. */
  private static final Pattern START =
      Pattern.compile(
          "(engine/"
              + ID
              + "/)?process-definition/(key/"
              + ID
              + "(/tenant-id/"
              + ID
              + ")?|"
              + ID
              + ")/start");

  private final ObjectMapper json = new ObjectMapper();

  private record Door(Pattern method, Pattern path) {
    Door(String method, String path) {
      this(Pattern.compile(method), Pattern.compile("(engine/" + ID + "/)?(" + path + ")"));
    }
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    String path = request.getUriInfo().getPath(false).replaceAll("^/+|/+$", "");
    String method = request.getMethod();
    boolean sideDoor =
        DOORS.stream()
                .anyMatch(
                    door ->
                        door.method().matcher(method).matches()
                            && door.path().matcher(path).matches())
            || "POST".equals(method) && START.matcher(path).matches() && startsSomewhere(request);
    if (!sideDoor) {
      return;
    }
    ProcessEngine engine = ProcessEngines.getDefaultProcessEngine(false);
    Authentication person =
        engine == null ? null : engine.getIdentityService().getCurrentAuthentication();
    if (AdminOnly.refuses(person)) {
      AuthorizationException refusal = AdminOnly.refusal(person.getUserId());
      request.abortWith(
          Response.status(Response.Status.FORBIDDEN)
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(
                  Map.of(
                      "type", refusal.getClass().getSimpleName(), "message", refusal.getMessage()))
              .build());
    }
  }

  /**
   * Whether a start's body has start instructions; the body is read and put back for the resource.
   */
  private boolean startsSomewhere(ContainerRequestContext request) throws IOException {
    if (!request.hasEntity()) {
      return false;
    }
    byte[] body = request.getEntityStream().readAllBytes();
    request.setEntityStream(new ByteArrayInputStream(body));
    try {
      JsonNode instructions = json.readTree(body).path("startInstructions");
      return instructions.isArray() && !instructions.isEmpty();
    } catch (IOException notJson) {
      return false; // the resource answers a malformed body itself
    }
  }
}
