package in.bontonsoftwares.deploymentrequest.chat;

import static org.assertj.core.api.Assertions.assertThat;

import in.bontonsoftwares.deploymentrequest.config.ChatProperties;
import in.bontonsoftwares.deploymentrequest.config.ChatProperties.Kind;
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
 * A target in the YAML gets its secret from the environment (targets are a map by name: a list from
 * the environment would replace the YAML's whole list).
 */
class ChatPropertiesTest {

  @Test
  void shouldAddTheTokenFromTheEnvironmentWhenTheTargetIsInTheYaml() {
    MutablePropertySources sources = new MutablePropertySources();
    sources.addFirst(
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            Map.of("DEPLOYMENTREQUEST_CHAT_TARGETS_SLACK_TOKEN", "xoxb-from-env")));
    ConfigurationPropertySource yaml =
        new MapConfigurationPropertySource(
            Map.of(
                "deployment-request.chat.targets.slack.kind", "slack-api",
                "deployment-request.chat.targets.slack.channels[0]", "#deployments"));
    List<ConfigurationPropertySource> all = new java.util.ArrayList<>();
    ConfigurationPropertySources.from(sources).forEach(all::add);
    all.add(yaml);

    ChatProperties chat =
        new Binder(all).bindOrCreate("deployment-request.chat", ChatProperties.class);

    assertThat(chat.targets()).containsOnlyKeys("slack");
    assertThat(chat.targets().get("slack").kind()).isEqualTo(Kind.SLACK_API);
    assertThat(chat.targets().get("slack").token()).isEqualTo("xoxb-from-env");
    assertThat(chat.targets().get("slack").channels()).containsExactly("#deployments");
    assertThat(chat.delivery().maxAttempts()).isEqualTo(6);
  }
}
