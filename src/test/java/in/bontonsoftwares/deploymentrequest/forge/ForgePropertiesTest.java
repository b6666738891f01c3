package in.bontonsoftwares.deploymentrequest.forge;

import static org.assertj.core.api.Assertions.assertThat;

import in.bontonsoftwares.deploymentrequest.config.GitHubProperties;
import in.bontonsoftwares.deploymentrequest.config.GitLabProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The environment variables of the README's setup bind: the App's key and webhook secret, GitLab's
 * token, the environment maps of the YAML kept; and the secrets never show in {@code toString}.
 */
class ForgePropertiesTest {

  @Test
  void shouldTakeTheSecretsFromTheEnvironmentBesideTheYaml() {
    Binder binder =
        binder(
            Map.of(
                "DEPLOYMENT_REQUEST_GITHUB_PRIVATE_KEY_FILE", "/run/secrets/github-app.pem",
                "DEPLOYMENT_REQUEST_GITHUB_WEBHOOK_SECRET", "whsec-from-env",
                "DEPLOYMENT_REQUEST_GITLAB_TOKEN", "glpat-from-env"),
            Map.of(
                "deployment-request.github.app-id", "123456",
                "deployment-request.github.environments.production", "production",
                "deployment-request.github.environments.[Production EU]", "production",
                "deployment-request.gitlab.projects[0]", "bontonsoftwares/payments-api",
                "deployment-request.gitlab.environments.production", "production"));

    GitHubProperties github =
        binder.bindOrCreate("deployment-request.github", GitHubProperties.class);
    GitLabProperties gitlab =
        binder.bindOrCreate("deployment-request.gitlab", GitLabProperties.class);

    assertThat(github.enabled()).isTrue();
    assertThat(github.privateKeyFile()).isEqualTo("/run/secrets/github-app.pem");
    assertThat(github.webhookSecret()).isEqualTo("whsec-from-env");
    assertThat(github.apiUrl()).hasToString("https://api.github.com");
    assertThat(github.environments())
        .containsEntry("production", "production")
        .containsEntry("Production EU", "production");
    assertThat(gitlab.enabled()).isTrue();
    assertThat(gitlab.token()).isEqualTo("glpat-from-env");
    assertThat(gitlab.url()).hasToString("https://gitlab.com");
    assertThat(github.toString()).doesNotContain("whsec-from-env");
    assertThat(gitlab.toString()).doesNotContain("glpat-from-env");
  }

  @Test
  void shouldBeOffUntilConfigured() {
    Binder binder = binder(Map.of(), Map.of("deployment-request.github.app-id", "123456"));
    assertThat(binder.bindOrCreate("deployment-request.github", GitHubProperties.class).enabled())
        .isFalse();
    assertThat(binder.bindOrCreate("deployment-request.gitlab", GitLabProperties.class).enabled())
        .isFalse();
  }

  private static Binder binder(Map<String, Object> environment, Map<String, String> yaml) {
    MutablePropertySources sources = new MutablePropertySources();
    sources.addFirst(
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
    List<ConfigurationPropertySource> all = new ArrayList<>();
    ConfigurationPropertySources.from(sources).forEach(all::add);
    all.add(new MapConfigurationPropertySource(yaml));
    return new Binder(all);
  }
}
