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

  /**
   * Where a POST's bearer token is another system's, checked by the endpoint itself: the demo's
   * Slack Web API ({@code demo.DemoSlack}), which takes the Slack bot token that the app's chat
   * delivery sends. An exact path as sent: any other spelling is checked as ours (and refused).
   */
  static final Set<String> FOREIGN_BEARER_PATHS = Set.of("/api/demo/slack/api/chat.postMessage");

  @Bean
  FilterRegistrationBean<BearerTokenFilter> bearerTokens(AccessTokens tokens, ObjectMapper json) {
    FilterRegistrationBean<BearerTokenFilter> registration =
        new FilterRegistrationBean<>(
            new BearerTokenFilter(tokens, json, QUERY_TOKEN_PATHS, FOREIGN_BEARER_PATHS));
    registration.addUrlPatterns("/api/*", "/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }
}
