package in.bontonsoftwares.deploymentrequest.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than any form of the process needs with 413, before anything reads
 * them, so that nobody can make the server parse megabytes of JSON or store them as variables. A
 * body of declared length is judged by its {@code Content-Length}; a chunked one is read up to the
 * limit and handed on from memory.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

  private final int limit;

  RequestSizeLimitFilter(DataSize limit) {
    this.limit = Math.toIntExact(limit.toBytes());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    if (length > limit) {
      refuse(response, length);
      return;
    }
    if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
      byte[] body = request.getInputStream().readNBytes(limit + 1);
      if (body.length > limit) {
        refuse(response, -1);
        return;
      }
      chain.doFilter(new BufferedBodyRequest(request, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  private void refuse(HttpServletResponse response, long length) throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    String size = length < 0 ? "more than %d bytes".formatted(limit) : length + " bytes";
    response
        .getWriter()
        .write(
            "{\"type\":\"PayloadTooLarge\",\"message\":\"The request body has %s; at most %d are accepted.\"}"
                .formatted(size, limit));
  }
}
