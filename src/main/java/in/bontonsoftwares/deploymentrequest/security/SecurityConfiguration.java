package in.bontonsoftwares.deploymentrequest.security;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.identity.Groups;
import jakarta.servlet.DispatcherType;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Two doors. Our own API ({@code /api/**}) and our pages ({@code /requests.html}, {@code
 * /mailbox.html}, {@code /calendar.html}, {@code /slack.html}, {@code /pages/**}): Spring Security,
 * HTTP Basic against the engine's users, a personal access token ({@code Authorization: Bearer},
 * checked before by {@code tokens.BearerTokenFilter}) or the webapps' session ({@link
 * WebappSessionAuthenticationFilter}, with Camunda's CSRF token for changes), by group. It never
 * creates a session. A call that sends {@code X-Requested-With: XMLHttpRequest} (our pages do) gets
 * a bare 401 without {@code WWW-Authenticate}, so the browser shows the page's "Sign in to
 * Tasklist" instead of its password prompt. Everything else is guarded by Camunda itself: the
 * webapps by their session login and CSRF filter, {@code /engine-rest} by Camunda's authentication
 * filter (see {@code RestApiConfiguration}), and the engine's authorization checks behind all of
 * them; here it only gets security headers. Health probes are open (with details for admins); the
 * other Actuator endpoints, such as Prometheus metrics, are for admins.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; style-src 'self' 'unsafe-inline'; "
          + "img-src 'self' data:; frame-ancestors 'self'; form-action 'self'; base-uri 'self'";

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, IdentityService identityService)
      throws Exception {
    http.securityMatcher(
            "/api/**",
            "/actuator/**",
            "/requests.html",
            "/mailbox.html",
            "/calendar.html",
            "/slack.html",
            "/pages/**")
        .authorizeHttpRequests(
            requests ->
                requests
                    // the second dispatch of a waiting gate call, authorized when it came in
                    .dispatcherTypeMatchers(DispatcherType.ASYNC)
                    .permitAll()
                    .requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    // the pages hold no data: signed out, they show a link to sign in to Tasklist
                    .requestMatchers(
                        "/requests.html",
                        "/mailbox.html",
                        "/calendar.html",
                        "/slack.html",
                        "/pages/**")
                    .permitAll()
                    // the session's own CSRF token, for the pages' sign-in form
                    .requestMatchers("/api/session/csrf-token")
                    .permitAll()
                    // the demo's services: open health endpoints, a webhook receiver that checks
                    // the signature itself; DevSecOps and admins break or mend a service
                    .requestMatchers(HttpMethod.GET, "/api/demo/services/*/health")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/api/demo/rollback")
                    .permitAll()
                    // the demo's Slack takes the app's own chat delivery, which sends no session
                    // and a Slack bot token that the receiver checks itself (the bearer token
                    // check passes it on, tokens.TokenConfiguration); its messages carry every
                    // request's events, for those who see every request
                    .requestMatchers(HttpMethod.POST, "/api/demo/slack/api/chat.postMessage")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/api/demo/slack/messages")
                    .hasAnyAuthority(Groups.DEVSECOPS, Groups.QA, Groups.ADMINS)
                    // GitHub's webhook: the controller checks X-Hub-Signature-256 before anything
                    .requestMatchers(HttpMethod.POST, "/api/github/webhook")
                    .permitAll()
                    .requestMatchers("/api/demo/**")
                    .hasAnyAuthority(Groups.DEVSECOPS, Groups.ADMINS)
                    .requestMatchers("/actuator/**")
                    .hasAuthority(Groups.ADMINS)
                    .requestMatchers("/api/change-tickets/**", "/api/records", "/api/records/count")
                    .hasAnyAuthority(Groups.DEVSECOPS, Groups.ADMINS)
                    .requestMatchers("/api/chat/**")
                    .hasAuthority(Groups.ADMINS)
                    .requestMatchers("/api/forge/**")
                    .hasAuthority(Groups.ADMINS)
                    .requestMatchers("/api/limits/**")
                    .hasAnyAuthority(Groups.DEVSECOPS, Groups.ADMINS)
                    // freezes: everyone signed in reads them, DevSecOps and admins change them
                    .requestMatchers(HttpMethod.POST, "/api/freezes", "/api/freezes/**")
                    .hasAnyAuthority(Groups.DEVSECOPS, Groups.ADMINS)
                    .requestMatchers(HttpMethod.PUT, "/api/freezes/**")
                    .hasAnyAuthority(Groups.DEVSECOPS, Groups.ADMINS)
                    .requestMatchers(HttpMethod.DELETE, "/api/freezes/**")
                    .hasAnyAuthority(Groups.DEVSECOPS, Groups.ADMINS)
                    .anyRequest()
                    .authenticated())
        .httpBasic(Customizer.withDefaults())
        // a refusal says who may not do what, as problem details
        .exceptionHandling(refusals -> refusals.accessDeniedHandler(new ProblemResponses()))
        // never creates a session, and never changes the webapps' one: a new session id on a call
        // (Spring's session fixation protection, as our session filter signs the call in) would
        // leave the page's other calls, sent in parallel with the old id, signed out
        .sessionManagement(
            session ->
                session
                    .sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                    .sessionFixation(fixation -> fixation.none()))
        // HTTP Basic and tokens carry no cookie; the session's changes are checked against
        // Camunda's CSRF token by WebappSessionAuthenticationFilter
        .csrf(csrf -> csrf.disable())
        .headers(
            headers ->
                headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
        .addFilterBefore(
            new TokenAuthenticationFilter(identityService), BasicAuthenticationFilter.class)
        .addFilterBefore(
            new WebappSessionAuthenticationFilter(identityService), BasicAuthenticationFilter.class)
        .addFilterAfter(
            new EngineAuthenticationFilter(identityService), BasicAuthenticationFilter.class);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain camundaSecurity(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        // the webapps have Camunda's CSRF filter; /engine-rest is stateless HTTP Basic
        .csrf(csrf -> csrf.disable())
        // the webapps set their own CSP and cache headers (camunda.bpm.webapp.header-security.*)
        .headers(
            headers ->
                headers
                    .cacheControl(cache -> cache.disable())
                    .frameOptions(frame -> frame.sameOrigin()));
    return http.build();
  }

  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(
      DeploymentRequestProperties properties) {
    FilterRegistrationBean<RequestSizeLimitFilter> registration =
        new FilterRegistrationBean<>(
            new RequestSizeLimitFilter(properties.security().maxRequestSize()));
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/camunda/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<QueryExpressionGuardFilter> queryExpressionGuard() {
    FilterRegistrationBean<QueryExpressionGuardFilter> registration =
        new FilterRegistrationBean<>(new QueryExpressionGuardFilter());
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }
}
