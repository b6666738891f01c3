package in.bontonsoftwares.deploymentrequest.security;

import in.bontonsoftwares.deploymentrequest.config.LimitProperties;
import in.bontonsoftwares.deploymentrequest.limits.LimitHits;
import java.time.Clock;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The limit of failed sign-ins per client address, ahead of every filter that checks a password:
 * Spring Security's HTTP Basic on {@code /api}, the mailbox page and Actuator, Camunda's on {@code
 * /engine-rest}, and the webapps' login resource.
 */
@Configuration(proxyBeanMethods = false)
class SignInLimitConfiguration {

  @Bean
  FailedSignIns failedSignIns(LimitProperties limits, Clock clock) {
    return new FailedSignIns(limits.failedSignIns().max(), limits.failedSignIns().window(), clock);
  }

  @Bean
  FilterRegistrationBean<SignInLimitFilter> signInLimit(
      FailedSignIns failures, LimitHits hits, CamundaBpmProperties camunda) {
    String webappsPath = camunda.getWebapp().getApplicationPath();
    FilterRegistrationBean<SignInLimitFilter> registration =
        new FilterRegistrationBean<>(new SignInLimitFilter(failures, hits, webappsPath));
    registration.addUrlPatterns(
        "/engine-rest/*",
        "/api/*",
        "/mailbox.html",
        "/mailbox.js",
        "/actuator/*",
        webappsPath + "/api/admin/auth/user/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }
}
