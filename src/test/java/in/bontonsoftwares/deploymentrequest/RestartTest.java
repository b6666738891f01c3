package in.bontonsoftwares.deploymentrequest;

import static org.assertj.core.api.Assertions.assertThat;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default keeps its data in a file: a restart finds every open request and its
 * history.
 */
class RestartTest {

  /**
   * Engines register by name in one JVM-wide registry; closing this test's app must not unregister
   * the engine of the Spring test contexts that other test classes keep open.
   */
  static final String OWN_ENGINE_NAME = "--camunda.bpm.process-engine-name=standalone";

  @TempDir Path dataDirectory;

  @Test
  void shouldKeepOpenRequestsAndHistoryAcrossARestart() {
    String instanceId;
    String businessKey;
    try (ConfigurableApplicationContext first = start()) {
      ProcessEngine engine = first.getBean(ProcessEngine.class);
      engine.getIdentityService().setAuthentication("dana", java.util.List.of("developers"));
      ProcessInstance request =
          engine
              .getRuntimeService()
              .startProcessInstanceByKey(
                  DeploymentRequestProcess.KEY,
                  TestRequests.validRequest(first.getBean(DeploymentRequestProperties.class)));
      engine.getIdentityService().clearAuthentication();
      instanceId = request.getId();
      businessKey = request.getBusinessKey();
    }

    try (ConfigurableApplicationContext second = start()) {
      ProcessEngine engine = second.getBean(ProcessEngine.class);
      ProcessInstance request =
          engine
              .getRuntimeService()
              .createProcessInstanceQuery()
              .processInstanceId(instanceId)
              .singleResult();
      assertThat(request).isNotNull();
      assertThat(request.getBusinessKey()).isEqualTo(businessKey);
      assertThat(
              engine
                  .getManagementService()
                  .createJobQuery()
                  .processInstanceId(instanceId)
                  .activityId(Element.SEND_REQUEST_EMAIL)
                  .count())
          .isEqualTo(1);
      assertThat(
              engine
                  .getHistoryService()
                  .createHistoricActivityInstanceQuery()
                  .processInstanceId(instanceId)
                  .activityId(Element.CHECK_CHECKLIST)
                  .finished()
                  .count())
          .isEqualTo(1);
      assertThat(
              engine
                  .getRepositoryService()
                  .createProcessDefinitionQuery()
                  .processDefinitionKey(DeploymentRequestProcess.KEY)
                  .count())
          .as("no redeployment of an unchanged model")
          .isEqualTo(1);
    }
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(DeploymentRequestApplication.class)
        .profiles("demo", "test")
        .run(
            "--spring.datasource.url=jdbc:h2:file:"
                + dataDirectory.resolve("deployment-request")
                + ";DB_CLOSE_ON_EXIT=FALSE",
            OWN_ENGINE_NAME);
  }
}
