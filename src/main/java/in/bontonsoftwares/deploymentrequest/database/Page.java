package in.bontonsoftwares.deploymentrequest.database;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * One page of a list of the app's own API, the way Camunda's REST API pages its lists: {@code
 * firstResult} (from 0) and {@code maxResults}. Lists grow with every request for years, so none is
 * ever answered whole.
 */
public record Page(int firstResult, int maxResults) {

  /** For {@code @RequestParam(defaultValue = Page.DEFAULT_SIZE)}. */
  public static final String DEFAULT_SIZE = "50";

  public static final int MAX_SIZE = 500;

  /** A page out of range is the caller's mistake: 400 with the reason. */
  public Page {
    if (firstResult < 0 || maxResults < 1 || maxResults > MAX_SIZE) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "firstResult must be 0 or more and maxResults "
              + "between 1 and "
              + MAX_SIZE
              + " (given: "
              + firstResult
              + ", "
              + maxResults
              + ")");
    }
  }

  /** The SQL that limits an ordered query to this page; adds its two arguments. */
  public String sql(List<Object> arguments) {
    arguments.add(maxResults);
    arguments.add(firstResult);
    return " limit ? offset ?";
  }
}
