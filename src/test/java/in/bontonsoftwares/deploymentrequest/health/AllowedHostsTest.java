package in.bontonsoftwares.deploymentrequest.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * {@code deployment-request.health.allowed-hosts} against the URLs a requester could try to make
 * the server call: hosts, subdomains and ports as listed and nothing around them, IP addresses only
 * as written, never a user name or password.
 */
class AllowedHostsTest {

  static final String NOT_AMONG =
      " is not among the hosts health checks may call (deployment-request.health.allowed-hosts): ";

  final AllowedHosts hosts =
      AllowedHosts.of(
          List.of("status.example.com", "*.apps.example.com", "localhost:8080", "10.0.0.7"));

  Object refusal(String url) {
    return hosts.refusal(URI.create(url)).orElse(null);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://status.example.com/health",
        "http://status.example.com:9000/health",
        "https://payments.apps.example.com/actuator/health",
        "https://eu.payments.apps.example.com/",
        "http://localhost:8080/health",
        "http://10.0.0.7/health",
        "http://10.0.0.7:8081/health"
      })
  void shouldAllowAListedHostOrASubdomainOfAListedDomain(String url) {
    assertThat(refusal(url)).isNull();
  }

  @Test
  void shouldRefuseAHostThatIsNotListedNamingTheSettingAndTheList() {
    assertThat(refusal("http://internal.db:5432/"))
        .isEqualTo(
            "host internal.db:5432"
                + NOT_AMONG
                + "status.example.com, *.apps.example.com, localhost:8080, 10.0.0.7");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // a wildcard is a whole label away from its domain, and never the domain itself
        "https://evilapps.example.com/",
        "https://apps.example.com/",
        "https://apps.example.com.evil.org/",
        "https://payments.apps.example.com.evil.org/",
        // a listed name is the whole name
        "https://status.example.com.evil.org/",
        "https://evilstatus.example.com/",
        "https://example.com/"
      })
  void shouldRefuseAHostThatOnlyLooksLikeAnAllowedOne(String url) {
    assertThat(refusal(url)).asString().contains(NOT_AMONG);
  }

  @Test
  void shouldNotMatchEvilexampleComNorExampleComEvilOrgWithAWildcard() {
    AllowedHosts wildcard = AllowedHosts.of(List.of("*.example.com"));

    assertThat(wildcard.refusal(URI.create("https://status.example.com/"))).isEmpty();
    assertThat(wildcard.refusal(URI.create("https://evilexample.com/"))).isPresent();
    assertThat(wildcard.refusal(URI.create("https://example.com.evil.org/"))).isPresent();
    assertThat(wildcard.refusal(URI.create("https://example.com/"))).isPresent();
  }

  @Test
  void shouldRefuseAUserNameOrPasswordWithoutRepeatingIt() {
    // the browser's and the JDK's reading: the host is evil.org, "status.example.com" a user name
    assertThat(refusal("http://status.example.com@evil.org/"))
        .isEqualTo("a user name or password before the host (…@evil.org) is not allowed");
    assertThat(refusal("http://user:s3cret@status.example.com/"))
        .asString()
        .contains("a user name or password")
        .doesNotContain("s3cret");
  }

  @Test
  void shouldCompareHostsWithoutCase() {
    assertThat(refusal("https://STATUS.Example.COM/health")).isNull();
    assertThat(refusal("https://Payments.APPS.example.com/")).isNull();
    assertThat(
            AllowedHosts.of(List.of("*.EXAMPLE.com")).refusal(URI.create("https://a.example.COM")))
        .isEmpty();
    assertThat(refusal("https://EVILAPPS.EXAMPLE.COM/")).asString().contains(NOT_AMONG);
  }

  @Test
  void shouldRefuseAHostEndingInADot() {
    assertThat(refusal("https://status.example.com./health"))
        .isEqualTo("host status.example.com. ends in a dot; write it without the dot");
  }

  @Test
  void shouldHoldAHostToTheListedPortOrItsSchemesDefault() {
    assertThat(refusal("http://localhost:8081/health"))
        .isEqualTo(
            "host localhost:8081"
                + NOT_AMONG
                + "status.example.com, *.apps.example.com, localhost:8080, 10.0.0.7");
    assertThat(refusal("http://localhost/health")).asString().startsWith("host localhost is not");
    AllowedHosts tls = AllowedHosts.of(List.of("status.example.com:443"));
    assertThat(tls.refusal(URI.create("https://status.example.com/"))).isEmpty();
    assertThat(tls.refusal(URI.create("http://status.example.com/"))).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // other spellings of 10.0.0.7 and 127.0.0.1 that resolvers accept
        "http://10.0.0.07/",
        "http://167772167/",
        "http://127.0.0.1/",
        "http://[::1]/",
        "http://[::ffff:10.0.0.7]/"
      })
  void shouldRefuseAnIpAddressThatIsNotListedAsWritten(String url) {
    assertThat(refusal(url))
        .asString()
        .contains(NOT_AMONG)
        .endsWith("; an IP address only as listed");
  }

  @Test
  void shouldReadNoHostInShortOrHexadecimalAddresses() {
    // java.net.URI reads no host in them, so they are no URL to call at all
    assertThat(AllowedHosts.httpUrl("http://10.7/")).isEmpty();
    assertThat(AllowedHosts.httpUrl("http://0xa.0.0.7/")).isEmpty();
    assertThat(refusal("http://0xa.0.0.7/")).isEqualTo("the URL names no host");
  }

  @Test
  void shouldAllowAnIpv6AddressOnlyAsListedInBrackets() {
    AllowedHosts ipv6 = AllowedHosts.of(List.of("[::1]:8080", "*.example.com"));

    assertThat(ipv6.refusal(URI.create("http://[::1]:8080/health"))).isEmpty();
    assertThat(ipv6.refusal(URI.create("http://[::1]:8081/health"))).isPresent();
    assertThat(ipv6.refusal(URI.create("http://[0:0:0:0:0:0:0:1]:8080/health"))).isPresent();
    assertThat(ipv6.refusal(URI.create("http://[::2]:8080/"))).isPresent();
  }

  @Test
  void shouldRefuseEveryHostWhenTheListIsEmpty() {
    AllowedHosts none = AllowedHosts.of(List.of());

    assertThat(none.refusal(URI.create("https://status.example.com/")))
        .contains(
            "host status.example.com is not among the hosts health checks may call"
                + " (deployment-request.health.allowed-hosts lists none)");
    assertThat(none.refusal(URI.create("http://localhost:8080/"))).isPresent();
  }

  @Test
  void shouldCompareAnInternationalNameInItsAsciiForm() {
    AllowedHosts idn = AllowedHosts.of(List.of("*.bücher.example"));

    assertThat(idn.refusal(URI.create("https://status.xn--bcher-kva.example/"))).isEmpty();
    assertThat(idn.refusal(URI.create("https://status.bucher.example/"))).isPresent();
  }

  @Test
  void shouldReadOnlyHttpUrlsWithAHost() {
    assertThat(AllowedHosts.httpUrl(" https://status.example.com/health ")).isPresent();
    assertThat(AllowedHosts.httpUrl("ftp://status.example.com/")).isEmpty();
    assertThat(AllowedHosts.httpUrl("https://build_server/run/1")).isEmpty();
    assertThat(AllowedHosts.httpUrl("https://bücher.example/")).isEmpty();
    assertThat(AllowedHosts.httpUrl("status.example.com/health")).isEmpty();
    assertThat(AllowedHosts.httpUrl("http://status.example.com\\@evil.org/")).isEmpty();
    assertThat(AllowedHosts.httpUrl(null)).isEmpty();
  }

  @Test
  void shouldRefuseAnEntryThatIsNoHostAtStartUp() {
    assertThatThrownBy(
            () ->
                AllowedHosts.of(
                    List.of(
                        "status.example.com",
                        "*",
                        "*.10.0.0.1",
                        "127.1",
                        "::1",
                        "localhost:99999",
                        "*.*.example.com",
                        "https://status.example.com")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Invalid health checks in the configuration: ")
        .hasMessageNotContaining("allowed-hosts[0]")
        .hasMessageContaining(
            "deployment-request.health.allowed-hosts[1]: '*' is not a host name, *.domain or IP"
                + " address (IPv6 in brackets), optionally with :port")
        .hasMessageContaining("allowed-hosts[2]: '*.10.0.0.1'")
        .hasMessageContaining("allowed-hosts[3]: '127.1'")
        .hasMessageContaining("allowed-hosts[4]: '::1'")
        .hasMessageContaining("allowed-hosts[5]: 'localhost:99999'")
        .hasMessageContaining("allowed-hosts[6]: '*.*.example.com'")
        .hasMessageContaining("allowed-hosts[7]: 'https://status.example.com'");
  }

  @Test
  void shouldAllowNoHostByDefaultAndTheLocalHostsInTheDemo() throws IOException {
    assertThat(allowedHosts("application.yaml")).isEmpty();
    assertThat(allowedHosts("application-demo.yaml")).containsExactly("localhost", "127.0.0.1");
    AllowedHosts demo = AllowedHosts.of(allowedHosts("application-demo.yaml"));
    assertThat(demo.refusal(URI.create("http://localhost:8080/actuator/health"))).isEmpty();
    assertThat(demo.refusal(URI.create("http://127.0.0.1:9090/health"))).isEmpty();
    assertThat(demo.refusal(URI.create("http://169.254.169.254/latest/meta-data/"))).isPresent();
  }

  static List<String> allowedHosts(String file) throws IOException {
    List<PropertySource<?>> sources =
        new YamlPropertySourceLoader().load(file, new ClassPathResource(file));
    return new Binder(ConfigurationPropertySources.from(sources))
        .bind("deployment-request.health.allowed-hosts", Bindable.listOf(String.class))
        .orElse(List.of());
  }
}
