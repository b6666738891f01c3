package in.bontonsoftwares.deploymentrequest.request;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.FakeTask;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.TestRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;

/**
 * A request's health-check URL names a host that health checks may call ({@code
 * deployment-request.health.allowed-hosts}), or the request is refused when it is submitted or
 * amended, with the reason and the setting; without a URL nothing is asked.
 */
class HealthCheckUrlTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final List<String> ALLOWED = List.of("status.example.com", "*.example.com");

  private static final String NOT_AMONG =
      " is not among the hosts health checks may call (deployment-request.health.allowed-hosts)";

  @Test
  void shouldRefuseAHostOutsideTheListNamingTheSettingAndTheHosts() {
    assertThat(problems(ALLOWED, "http://internal.db/health"))
        .containsExactly(
            "Health-check URL: host internal.db"
                + NOT_AMONG
                + ": status.example.com, *.example.com.");
    assertThat(problems(ALLOWED, "https://evilexample.com/health"))
        .containsExactly(
            "Health-check URL: host evilexample.com"
                + NOT_AMONG
                + ": status.example.com, *.example.com.");
    assertThat(problems(ALLOWED, "https://example.com.evil.org/health")).hasSize(1);
  }

  @Test
  void shouldAcceptAnAllowedHostInAnyCaseAndARequestWithoutUrl() {
    assertThat(problems(ALLOWED, "https://Status.Example.COM/health")).isEmpty();
    assertThat(problems(ALLOWED, "https://payments.example.com/actuator/health")).isEmpty();
    assertThat(problems(ALLOWED, null)).isEmpty();
    assertThat(problems(List.of(), null)).isEmpty();
  }

  @Test
  void shouldRefuseEveryUrlWhenNoHostIsAllowed() {
    assertThat(problems(List.of(), "https://status.example.com/health"))
        .containsExactly(
            "Health-check URL: host status.example.com"
                + " is not among the hosts health checks may call"
                + " (deployment-request.health.allowed-hosts lists none).");
  }

  @Test
  void shouldSayWhatIsWrongWithAUrlThatHidesItsHost() {
    assertThat(problems(ALLOWED, "http://status.example.com@evil.org/"))
        .containsExactly(
            "Health-check URL: a user name or password before the host (…@evil.org) is not"
                + " allowed.");
    assertThat(problems(ALLOWED, "https://status.example.com./health"))
        .containsExactly(
            "Health-check URL: host status.example.com. ends in a dot; write it without the dot.");
    assertThat(problems(ALLOWED, "http://[::1]:8080/health"))
        .containsExactly(
            "Health-check URL: host [::1]:8080"
                + NOT_AMONG
                + ": status.example.com, *.example.com; an IP address only as listed.");
    assertThat(problems(ALLOWED, "https://status.example.com:8443/health")).isEmpty();
    assertThat(problems(List.of("status.example.com:443"), "https://status.example.com:8443/"))
        .containsExactly(
            "Health-check URL: host status.example.com:8443"
                + NOT_AMONG
                + ": status.example.com:443.");
  }

  @Test
  void shouldStillRefuseWhatIsNoHttpAddressAsBefore() {
    assertThat(problems(ALLOWED, "ftp://status.example.com/health"))
        .containsExactly(
            "Health-check URL 'ftp://status.example.com/health' must be an address that starts"
                + " with http:// or https:// and has no spaces.");
  }

  @Test
  void shouldRefuseAnAmendmentToAHostOutsideTheListAndLeaveTheRevision() {
    Map<String, Object> v = request("http://10.0.0.7:8080/actuator/health");
    v.put(AMENDMENT_NOTES.name(), "Health check moved");
    v.put(REVISION.name(), 1);
    RequestValidator validator = TestValidators.at(NOW, ALLOWED);

    assertThatThrownBy(
            () ->
                new AmendRequestListener(validator)
                    .notify(
                        FakeTask.of(
                            Element.AMEND_REQUEST, TaskListener.EVENTNAME_COMPLETE, "dana", v)))
        .isInstanceOfSatisfying(
            RequestValidationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "Health-check URL: host 10.0.0.7:8080"
                            + NOT_AMONG
                            + ": status.example.com, *.example.com; an IP address only as"
                            + " listed."));
    assertThat(v).containsEntry(REVISION.name(), 1);
  }

  /** The problems of a valid request whose health-check URL is {@code url}. */
  private static List<String> problems(List<String> allowedHosts, String url) {
    try {
      TestValidators.at(NOW, allowedHosts).validateRequest(ProcessVariables.of(request(url)));
      return List.of();
    } catch (RequestValidationException refused) {
      return refused.problems();
    }
  }

  private static Map<String, Object> request(String url) {
    Map<String, Object> v = new HashMap<>(TestRequests.validRequest());
    Instant start = NOW.plus(Duration.ofDays(1));
    v.put(WINDOW_START.name(), WindowTime.store(start));
    v.put(WINDOW_END.name(), WindowTime.store(start.plus(Duration.ofHours(1))));
    if (url == null) {
      v.remove(HEALTH_CHECK_URL.name());
    } else {
      v.put(HEALTH_CHECK_URL.name(), url);
    }
    return v;
  }
}
