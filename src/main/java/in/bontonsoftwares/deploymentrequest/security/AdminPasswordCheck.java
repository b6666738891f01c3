package in.bontonsoftwares.deploymentrequest.security;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * No default secret outside the demo: unless the demo run is on, the app refuses to start until the
 * admin's password is configured. Runs before any bean exists, so the engine never creates an admin
 * with a guessable password (Camunda would use the user id).
 */
public class AdminPasswordCheck implements BeanFactoryPostProcessor, EnvironmentAware {

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    boolean demo = environment.getProperty("deployment-request.demo.enabled", Boolean.class, false);
    String password = environment.getProperty("camunda.bpm.admin-user.password", "");
    if (!demo && password.isBlank()) {
      throw new IllegalStateException(
          "No admin password is configured. Outside the demo run the admin's password "
              + "must be given: set CAMUNDA_BPM_ADMINUSER_PASSWORD (camunda.bpm.admin-user.password).");
    }
  }
}
