package in.bontonsoftwares.deploymentrequest.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The GitHub App of the custom deployment protection rule (README "GitHub deployment protection
 * rules"). Off until {@code app-id}, a private key and {@code webhook-secret} are all given. The
 * private key ({@code private-key}: the PEM text, or {@code private-key-file}: its path) and the
 * webhook secret come only from here or the environment ({@code
 * DEPLOYMENT_REQUEST_GITHUB_PRIVATE_KEY}, {@code DEPLOYMENT_REQUEST_GITHUB_WEBHOOK_SECRET}), never
 * from a request, and are never shown.
 *
 * @param apiUrl GitHub's REST API ({@code https://HOSTNAME/api/v3} on GitHub Enterprise Server)
 * @param environments each GitHub environment the rule protects and the request environment it
 *     stands for ({@code prod: production}); a deployment to any other is rejected
 * @param repositories the repositories ({@code owner/name}) whose deployments the rule decides; a
 *     deployment of any other is rejected; empty: any repository the App is installed on
 */
@ConfigurationProperties("deployment-request.github")
public record GitHubProperties(
    String appId,
    String privateKey,
    String privateKeyFile,
    String webhookSecret,
    @DefaultValue("https://api.github.com") URI apiUrl,
    @DefaultValue Map<String, String> environments,
    @DefaultValue List<String> repositories) {

  public boolean enabled() {
    return present(appId)
        && (present(privateKey) || present(privateKeyFile))
        && present(webhookSecret);
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  @Override
  public String toString() {
    return "GitHubProperties[appId="
        + appId
        + ", privateKey=(hidden), privateKeyFile="
        + privateKeyFile
        + ", webhookSecret=(hidden), apiUrl="
        + apiUrl
        + ", environments="
        + environments
        + ", repositories="
        + repositories
        + "]";
  }
}
