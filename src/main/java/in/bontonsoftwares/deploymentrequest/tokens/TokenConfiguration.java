package in.bontonsoftwares.deploymentrequest.tokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The bearer token check runs before Spring Security (on {@code /api}) and Camunda's authentication
 * filter (on {@code /engine-rest}), after the request size limit and the query expression guard.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

  /**
   * Where a token may also come as {@code ?token=}: the change calendar's feed, which calendar
   * clients fetch by URL alone. Nowhere else: a URL ends up in more places than a header.
   */
  static final Set<String> QUERY_TOKEN_PATHS = Set.of("/api/calendar.ics");

  @Bean
  FilterRegistrationBean<BearerTokenFilter> bearerTokens(AccessTokens tokens, ObjectMapper json) {
    FilterRegistrationBean<BearerTokenFilter> registration =
        new FilterRegistrationBean<>(new BearerTokenFilter(tokens, json, QUERY_TOKEN_PATHS));
    registration.addUrlPatterns("/api/*", "/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }
}
