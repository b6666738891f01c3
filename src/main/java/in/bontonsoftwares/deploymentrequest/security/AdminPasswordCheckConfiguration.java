package in.bontonsoftwares.deploymentrequest.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AdminPasswordCheckConfiguration {

  /** Static: a bean factory post-processor must exist before the configuration's other beans. */
  @Bean
  static AdminPasswordCheck adminPasswordCheck() {
    return new AdminPasswordCheck();
  }
}
