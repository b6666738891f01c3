package in.bontonsoftwares.deploymentrequest.database;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Builds the process engine after Liquibase has run, as Spring Boot does for Quartz and Spring
 * Batch. With {@code camunda.bpm.database.schema-update=false} (the {@code postgres} profile) the
 * engine only checks at start-up that its tables are there, so the changelog that creates them must
 * come first; Camunda's starter declares no such order itself. Registered in {@code
 * META-INF/spring.factories}.
 */
class ProcessEngineDependsOnDatabaseInitializationDetector
    extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

  @Override
  protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
    return Set.of(ProcessEngine.class);
  }
}
