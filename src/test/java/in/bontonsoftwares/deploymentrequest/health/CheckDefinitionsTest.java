package in.bontonsoftwares.deploymentrequest.health;

import static org.assertj.core.api.Assertions.assertThat;

import in.bontonsoftwares.deploymentrequest.config.HealthProperties;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * {@code deployment-request.health} as the start-up reads it: valid checks are compiled in order
 * (the environment's, then the request's URL), and each kind of mistake stops the start with a
 * message naming the property, never showing the webhook's secret.
 */
class CheckDefinitionsTest {

  static final String AT = "deployment-request.health.environments.production.";

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(HealthProperties.class)
  @Import({CheckDefinitions.class, AllowedHosts.class})
  static class Health {}

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ConfigurationPropertiesAutoConfiguration.class,
                  ValidationAutoConfiguration.class))
          .withUserConfiguration(Health.class);

  @Test
  void shouldCompileTheChecksOfAnEnvironmentAndTheRequestsUrl() {
    runner
        .withPropertyValues(
            "deployment-request.health.prometheus-url=http://prometheus:9090",
            "deployment-request.health.allowed-hosts=*.example.com",
            AT + "checks[0].name=error-rate",
            AT + "checks[0].kind=prometheus",
            AT + "checks[0].query=sum(rate(errors[5m]))",
            AT + "checks[0].success-condition=result < 0.01",
            AT + "checks[0].count=3",
            AT + "checks[1].name=status",
            AT + "checks[1].url=https://payments.example.com/status",
            AT + "checks[1].json-path=$.status",
            AT + "checks[1].success-condition=result == 'UP'",
            AT + "watch-window=PT30M")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              CheckDefinitions definitions = context.getBean(CheckDefinitions.class);
              assertThat(
                      definitions.forRequest("production", "https://payments.example.com/health"))
                  .extracting(
                      CheckDefinition::name, c -> c.probe().target(), CheckDefinition::count)
                  .containsExactly(
                      org.assertj.core.groups.Tuple.tuple("error-rate", "sum(rate(errors[5m]))", 3),
                      org.assertj.core.groups.Tuple.tuple(
                          "status", "https://payments.example.com/status", 10),
                      org.assertj.core.groups.Tuple.tuple(
                          "health-check-url", "https://payments.example.com/health", 10));
              // no URL, no request check; another environment has no checks of its own
              assertThat(definitions.forRequest("production", " ")).hasSize(2);
              assertThat(definitions.forRequest("staging", "https://x.example.com/h"))
                  .extracting(CheckDefinition::name)
                  .containsExactly("health-check-url");
              // a URL that is no http(s) URL is measured as an ERROR, not refused at start-up
              assertThat(
                      definitions
                          .forRequest("staging", "ftp://x.example.com/h")
                          .get(0)
                          .probe()
                          .measure())
                  .extracting(Measurement::verdict, Measurement::message)
                  .containsExactly(
                      Verdict.ERROR, "'ftp://x.example.com/h' is not an http or https URL");
            });
  }

  @Test
  void shouldNeverCallARequestsUrlWhoseHostIsNotAllowed() {
    AtomicInteger calls = new AtomicInteger();
    try (LocalServer server =
        new LocalServer()
            .handle(
                "/",
                exchange -> {
                  calls.incrementAndGet();
                  LocalServer.answer(exchange, 200, "application/json", "{}");
                })) {
      String allowed = "localhost:" + server.port();
      runner
          .withPropertyValues("deployment-request.health.allowed-hosts=" + allowed)
          .run(
              context -> {
                CheckDefinitions definitions = context.getBean(CheckDefinitions.class);
                assertThat(measure(definitions, "http://" + allowed + "/health").verdict())
                    .isEqualTo(Verdict.SUCCESSFUL);
                assertThat(calls).hasValue(1);

                // the same server by its address, behind a user name, on another port: the check
                // stays (the analysis shows it) and each measurement is an ERROR, never a call
                for (String url :
                    List.of(
                        server.url("/health"),
                        "http://" + allowed + "@127.0.0.1:" + server.port() + "/health",
                        "http://localhost:" + LocalServer.closedPort() + "/health")) {
                  assertThat(definitions.forRequest("staging", url))
                      .extracting(CheckDefinition::name)
                      .containsExactly("health-check-url");
                  Measurement refused = measure(definitions, url);
                  assertThat(refused.verdict()).as(url).isEqualTo(Verdict.ERROR);
                  assertThat(refused.message()).as(url).startsWith("not called: ");
                }
                assertThat(measure(definitions, server.url("/health")).message())
                    .isEqualTo(
                        "not called: host 127.0.0.1:"
                            + server.port()
                            + " is not among the hosts health checks may call"
                            + " (deployment-request.health.allowed-hosts): "
                            + allowed
                            + "; an IP address only as listed");
                assertThat(calls).hasValue(1);
              });
    }
  }

  @Test
  void shouldCallNoRequestsUrlWhenNoHostIsAllowed() {
    runner.run(
        context -> {
          assertThat(context.getBean(HealthProperties.class).allowedHosts()).isEmpty();
          assertThat(measure(context.getBean(CheckDefinitions.class), "https://x.example.com/h"))
              .extracting(Measurement::verdict, Measurement::message)
              .containsExactly(
                  Verdict.ERROR,
                  "not called: host x.example.com is not among the hosts health checks may call"
                      + " (deployment-request.health.allowed-hosts lists none)");
        });
  }

  @Test
  void shouldRefuseAnAllowedHostThatIsNoHostAtStartUp() {
    refused(
        "deployment-request.health.allowed-hosts[1]: '*' is not a host name",
        "deployment-request.health.allowed-hosts=status.example.com,*");
  }

  static Measurement measure(CheckDefinitions definitions, String healthCheckUrl) {
    return definitions.forRequest("staging", healthCheckUrl).get(0).probe().measure();
  }

  @Test
  void shouldRefuseAConditionOutsideTheLanguage() {
    refused(
        AT + "checks[0].success-condition: success condition 'result =~ 5' is not supported",
        AT + "checks[0].name=status",
        AT + "checks[0].url=https://payments.example.com/status",
        AT + "checks[0].json-path=$.status",
        AT + "checks[0].success-condition=result =~ 5");
  }

  @Test
  void shouldRefuseAPrometheusCheckWithoutPrometheus() {
    refused(
        "deployment-request.health.prometheus-url: required (http or https) for the prometheus check "
            + AT
            + "checks[0]",
        AT + "checks[0].name=error-rate",
        AT + "checks[0].kind=prometheus",
        AT + "checks[0].query=up",
        AT + "checks[0].success-condition=result == 1");
  }

  @Test
  void shouldRefuseIncompleteChecks() {
    refused(
        AT + "checks[0].url: an http or https URL is required for an http check",
        AT + "checks[0].name=status");
    refused(
        AT + "checks[0].success-condition: required with a json-path",
        AT + "checks[0].name=status",
        AT + "checks[0].url=https://payments.example.com/status",
        AT + "checks[0].json-path=$.status");
    refused(
        AT + "checks[0].json-path: '$.[' is not a JSON path",
        AT + "checks[0].name=status",
        AT + "checks[0].url=https://payments.example.com/status",
        AT + "checks[0].json-path=$.[",
        AT + "checks[0].success-condition=result == 1");
    refused(
        AT + "checks[0].name: 'health-check-url' is used twice",
        AT + "checks[0].name=health-check-url",
        AT + "checks[0].url=https://payments.example.com/status");
  }

  @Test
  void shouldRefuseAShortWebhookSecretWithoutShowingIt() {
    runner
        .withPropertyValues(
            AT + "rollback-webhook.url=https://deploy.example.com/rollback",
            AT + "rollback-webhook.secret=short-s3cret")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining(
                      AT + "rollback-webhook.secret: must be at least 16 characters")
                  .hasMessageNotContaining("short-s3cret");
            });
  }

  @Test
  void shouldTakeTheWebhooksSecretFromTheEnvironmentAsTheReadmeSays() {
    withEnvironment(
            Map.of(
                "DEPLOYMENTREQUEST_HEALTH_ENVIRONMENTS_PRODUCTION_ROLLBACKWEBHOOK_URL",
                "https://deploy.example.com/rollback",
                "DEPLOYMENTREQUEST_HEALTH_ENVIRONMENTS_PRODUCTION_ROLLBACKWEBHOOK_SECRET",
                "from-the-environment-0123456789"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              HealthProperties.RollbackWebhook webhook =
                  context
                      .getBean(HealthProperties.class)
                      .environment("production")
                      .rollbackWebhook();
              assertThat(webhook.url()).hasToString("https://deploy.example.com/rollback");
              assertThat(webhook.secret()).isEqualTo("from-the-environment-0123456789");
              assertThat(webhook.toString()).doesNotContain("from-the-environment");
            });
  }

  @Test
  void shouldTakeTheAllowedHostsFromTheEnvironmentAsTheReadmeSays() {
    withEnvironment(
            Map.of(
                "DEPLOYMENT_REQUEST_HEALTH_ALLOWED_HOSTS",
                "*.apps.example.com,status.example.com:443"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(HealthProperties.class).allowedHosts())
                  .containsExactly("*.apps.example.com", "status.example.com:443");
              CheckDefinitions definitions = context.getBean(CheckDefinitions.class);
              assertThat(definitions.forRequest("staging", "https://a.apps.example.com/").get(0))
                  .extracting(c -> c.probe().getClass())
                  .isEqualTo(HttpProbe.class);
              assertThat(measure(definitions, "http://status.example.com/").message())
                  .startsWith("not called: host status.example.com is not among");
            });
  }

  /** The runner with {@code variables} as the process's environment variables. */
  ApplicationContextRunner withEnvironment(Map<String, Object> variables) {
    return runner.withInitializer(
        context ->
            context
                .getEnvironment()
                .getPropertySources()
                .addFirst(
                    new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)));
  }

  void refused(String message, String... properties) {
    runner
        .withPropertyValues(properties)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageStartingWith("Invalid health checks in the configuration: ")
                  .hasMessageContaining(message);
            });
  }
}
