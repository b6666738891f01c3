package in.bontonsoftwares.deploymentrequest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import in.bontonsoftwares.deploymentrequest.DeploymentRequestApplication;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Demo users and the demo password exist only in the default (demo) run. */
class ProfilesTest {

  /**
   * Not "default": closing this app must not unregister the engine of other test classes' contexts.
   */
  private static final String ENGINE_NAME = "--camunda.bpm.process-engine-name=profiles";

  @Test
  void shouldCreateNoDemoUserOutsideTheDemoProfile() {
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(DeploymentRequestApplication.class)
            .profiles("test")
            .run("--camunda.bpm.admin-user.password=Gate-keeper-2026!", ENGINE_NAME)) {
      IdentityService identityService = app.getBean(IdentityService.class);

      assertThat(identityService.createUserQuery().list())
          .extracting("id")
          .containsExactly("admin");
      assertThat(identityService.checkPassword("admin", "Gate-keeper-2026!")).isTrue();
      assertThat(identityService.createGroupQuery().list())
          .extracting("id")
          .contains("developers", "devsecops", "qa", "camunda-admin");
    }
  }

  @Test
  void shouldRefuseToStartWithoutAnAdminPasswordOutsideTheDemoProfile() {
    Throwable failure =
        catchThrowable(
            () ->
                new SpringApplicationBuilder(DeploymentRequestApplication.class)
                    .profiles("test")
                    .run(ENGINE_NAME)
                    .close());

    assertThat(failure)
        .hasStackTraceContaining("No admin password is configured")
        .hasStackTraceContaining("CAMUNDA_BPM_ADMINUSER_PASSWORD");
  }
}
