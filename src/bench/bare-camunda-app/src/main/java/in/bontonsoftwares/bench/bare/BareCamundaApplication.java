package in.bontonsoftwares.bench.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An embedded Camunda engine with its webapps and REST API, and nothing else: the reference of
 * benchmark R4.
 */
@SpringBootApplication
public class BareCamundaApplication {

  public static void main(String... args) {
    SpringApplication.run(BareCamundaApplication.class, args);
  }
}
