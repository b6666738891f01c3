package in.bontonsoftwares.deploymentrequest.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ad-hoc queries must not carry expressions: the engine evaluates JUEL with access to its services,
 * and the REST API lets a query nest expressions inside {@code orQueries}, where the engine's own
 * switch ({@code enableExpressionsInAdhocQueries=false}) does not look. Refused with 400 for
 * everyone on the query endpoints of {@code /engine-rest} and the webapps' API; the Tasklist
 * filters created at start-up are stored queries and keep their expressions.
 */
class QueryExpressionGuardFilter extends OncePerRequestFilter {

  /**
   * Task, history and filter-execution queries, e.g. {@code /engine-rest/task}, {@code
   * .../filter/1/list}.
   */
  private static final Pattern QUERY_PATH =
      Pattern.compile(
          ".*/(task|task/count|history/task|history/task/count|history/process-instance|history/process-instance/count"
              + "|process-instance|process-instance/count|filter/[^/]+/(list|count|singleResult))/?$");

  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{");

  private final ObjectMapper objectMapper = new ObjectMapper();

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!QUERY_PATH.matcher(request.getRequestURI()).matches()) {
      chain.doFilter(request, response);
      return;
    }
    for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
      for (String value : parameter.getValue()) {
        if (EXPRESSION.matcher(value).find()) {
          refuse(response, parameter.getKey());
          return;
        }
      }
    }
    if (!"POST".equalsIgnoreCase(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    String offending = body.length == 0 ? null : findExpression(parse(body), "");
    if (offending != null) {
      refuse(response, offending);
      return;
    }
    chain.doFilter(new BufferedBodyRequest(request, body), response);
  }

  private JsonNode parse(byte[] body) {
    try {
      return objectMapper.readTree(body);
    } catch (IOException notJson) {
      return null;
    }
  }

  /**
   * The path of the first text value that holds an expression, at any depth (also in orQueries), or
   * null.
   */
  private static String findExpression(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return EXPRESSION.matcher(node.asText()).find() ? path : null;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = findExpression(node.get(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String found =
          findExpression(
              field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static void refuse(HttpServletResponse response, String where) throws IOException {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response
        .getWriter()
        .write(
            ("{\"type\":\"InvalidRequestException\",\"message\":\"Expressions are not allowed in "
                    + "queries (found in '%s').\"}")
                .formatted(where.replace("\"", "")));
  }
}
