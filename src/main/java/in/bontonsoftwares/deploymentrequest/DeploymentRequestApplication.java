package in.bontonsoftwares.deploymentrequest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DeploymentRequestApplication {

  public static void main(String[] args) {
    SpringApplication.run(DeploymentRequestApplication.class, args);
  }
}
