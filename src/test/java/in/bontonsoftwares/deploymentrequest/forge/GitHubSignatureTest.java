package in.bontonsoftwares.deploymentrequest.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * GitHub's webhook signature with the example of GitHub's documentation ("Validating webhook
 * deliveries": secret "It's a Secret to Everybody", payload "Hello, World!"), and the App's key
 * refused without echoing it.
 */
class GitHubSignatureTest {

  static final String SECRET = "It's a Secret to Everybody";
  static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  static final String DOCUMENTED =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  @Test
  void shouldAcceptTheSignatureOfGitHubsExample() {
    assertThat(GitHubSignature.valid(SECRET, BODY, DOCUMENTED)).isTrue();
  }

  @Test
  void shouldRefuseAnyOtherSignature() {
    assertThat(GitHubSignature.valid(SECRET, "Hello, World?".getBytes(), DOCUMENTED)).isFalse();
    assertThat(GitHubSignature.valid("another secret", BODY, DOCUMENTED)).isFalse();
    assertThat(
            GitHubSignature.valid(SECRET, BODY, DOCUMENTED.toUpperCase().replace("SHA256", "sha1")))
        .isFalse();
    assertThat(GitHubSignature.valid(SECRET, BODY, DOCUMENTED.substring(0, 20))).isFalse();
    assertThat(GitHubSignature.valid(SECRET, BODY, "sha256=zz")).isFalse();
    assertThat(GitHubSignature.valid(SECRET, BODY, null)).isFalse();
    assertThat(GitHubSignature.valid("", BODY, DOCUMENTED)).isFalse();
  }

  @Test
  void shouldRefuseAKeyThatIsNoRsaKeyWithoutShowingIt() {
    String notAKey =
        "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END RSA PRIVATE KEY-----";
    assertThatThrownBy(() -> GitHubAppKey.parse(notAKey))
        .hasMessageContaining("deployment-request.github.private-key")
        .hasMessageNotContaining("c2VjcmV0");
    assertThatThrownBy(() -> GitHubAppKey.parse("ghp_not a pem at all"))
        .hasMessageNotContaining("ghp_");
  }
}
