package in.bontonsoftwares.deploymentrequest.tokens;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who a request's bearer token stands for. {@link BearerTokenFilter} puts it into the request's
 * attributes, which a client cannot set; the doors of {@code /api} and {@code /engine-rest} take
 * the caller from there.
 */
public record TokenCaller(long tokenId, String tokenName, String user, TokenScope scope) {

  static final String ATTRIBUTE = TokenCaller.class.getName();

  /** The token caller of {@code request}, {@code null} when it carries no token. */
  public static TokenCaller of(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof TokenCaller caller ? caller : null;
  }
}
