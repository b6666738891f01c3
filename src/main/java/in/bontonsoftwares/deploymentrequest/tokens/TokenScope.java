package in.bontonsoftwares.deploymentrequest.tokens;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a personal access token may do. */
public enum TokenScope {

  /** Every call of {@code /api} and {@code /engine-rest} its user may make, in a header only. */
  API,

  /**
   * Only read the change calendar's feed ({@code GET /api/calendar.ics}), in a header or, for
   * calendar clients that cannot send one, in the address: the one token that may stand in a URL,
   * so that a subscription address that leaks (calendar providers keep it) opens nothing else.
   */
  CALENDAR_FEED;

  static Optional<TokenScope> parse(String value) {
    return Arrays.stream(values()).filter(scope -> scope.name().equals(value)).findFirst();
  }

  static String choices() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
