package in.bontonsoftwares.deploymentrequest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import in.bontonsoftwares.deploymentrequest.TestClock;
import in.bontonsoftwares.deploymentrequest.WebAppTest;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.config.LimitProperties;
import in.bontonsoftwares.deploymentrequest.database.Page;
import in.bontonsoftwares.deploymentrequest.identity.TestUsers;
import in.bontonsoftwares.deploymentrequest.limits.Limit;
import in.bontonsoftwares.deploymentrequest.limits.LimitHit;
import in.bontonsoftwares.deploymentrequest.limits.LimitHits;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Attempts to lock accounts and to guess passwords, over real HTTP, with the engine's login
 * settings and the limit of failed sign-ins of {@code application.yaml}. Every call comes from the
 * test's one address; each test starts with that address's failures and the recorded hits
 * forgotten, with accounts of its own, and sets the clock back after.
 */
@WebAppTest
class SignInLimitTest {

  private static final String WRONG = "Wrong-pass-2026";

  @Autowired TestRestTemplate http;
  @Autowired DeploymentRequestProperties properties;
  @Autowired LimitProperties limits;
  @Autowired IdentityService identityService;
  @Autowired ProcessEngineConfigurationImpl engineConfiguration;
  @Autowired FailedSignIns failedSignIns;
  @Autowired LimitHits hits;
  @Autowired MeterRegistry meters;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  private long clockOffset;

  @BeforeEach
  void forgetFailuresAndHits() {
    clockOffset = TestClock.offset();
    failedSignIns.forgetAll();
    jdbc.update("delete from limit_hit");
  }

  @AfterEach
  void setTheClockBack() {
    TestClock.restore(clockOffset);
  }

  @Test
  void shouldLetTheOwnerSignInWhenAStrangerTriedTwelveWrongPasswordsEachPastTheDelay()
      throws Exception {
    // given an account, and a stranger who waits out the engine's delay before each guess
    // (Camunda's own default
    // would lock the account for good at the tenth)
    String owner = newUser();
    Duration pastTheDelay = Duration.ofSeconds(engineConfiguration.getLoginDelayMaxTime() + 1);

    // when the stranger guesses twelve times, on the REST API and on the webapps' login form in
    // turn
    for (int guess = 1; guess <= 12; guess++) {
      TestClock.advance(pastTheDelay);
      int status =
          guess % 2 == 0
              ? webappLogin(owner, WRONG)
              : engineRest(owner, WRONG).getStatusCode().value();
      assertThat(status).as("guess %d", guess).isEqualTo(401);
    }

    // then each guess was checked, and still the owner signs in, on both doors, once the last delay
    // is over
    assertThat(account(owner).getAttempts()).isEqualTo(12);
    TestClock.advance(pastTheDelay);
    assertThat(engineRest(owner, password()).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(webappLogin(owner, password())).isEqualTo(200);
    assertThat(account(owner).getAttempts()).isZero();
    assertThat(account(owner).getLockExpirationTime()).isNull();
  }

  @Test
  void shouldStillDelayTheNextSignInWhenAPasswordWasWrong() {
    // given an account with one wrong password just now
    String owner = newUser();
    assertThat(engineRest(owner, WRONG).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    // when the owner signs in at once, then after the engine's first delay
    ResponseEntity<String> atOnce = engineRest(owner, password());
    TestClock.advance(Duration.ofSeconds(engineConfiguration.getLoginDelayBase() + 1));
    ResponseEntity<String> afterTheDelay = engineRest(owner, password());

    // then the first is refused without counting as a guess, the second goes through
    assertThat(atOnce.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(afterTheDelay.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(account(owner).getAttempts()).isZero();
  }

  @Test
  void shouldAnswer429WithoutCheckingThePasswordWhenOneAddressFailedTooOftenOnAnyDoor()
      throws Exception {
    // given accounts, one of them signed in to Tasklist before, and as many failures from this
    // address as allowed,
    // spread over the three doors that check passwords
    String target = newUser();
    String owner = newUser();
    String bystander = newUser();
    WebappSession signedIn = WebappSession.login(port, owner, password());
    double hitsBefore = hitsCounted();
    int allowed = limits.failedSignIns().max();
    for (int failure = 0; failure < allowed; failure++) {
      int status =
          switch (failure % 3) {
            case 0 -> engineRest(target, WRONG).getStatusCode().value();
            case 1 -> api(target, WRONG).getStatusCode().value();
            default -> webappLogin(target, WRONG);
          };
      assertThat(status).as("failure %d", failure + 1).isEqualTo(401);
    }

    // when the address tries once more, with a wrong password and with right ones, on every door
    ResponseEntity<String> guess = engineRest(bystander, WRONG);
    ResponseEntity<String> rest = engineRest(owner, password());
    ResponseEntity<String> api = api(owner, password());
    int login = webappLogin(owner, password());

    // then each is refused with 429 and when to come back, and no password was checked: the
    // bystander's account
    // counted no wrong password
    for (ResponseEntity<String> refused : List.of(guess, rest, api)) {
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
      assertThat(refused.getBody())
          .contains("Too many failed sign-ins from your address. Try again in ");
      assertThat(Long.parseLong(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)))
          .isBetween(1L, limits.failedSignIns().window().toSeconds());
    }
    assertThat(login).isEqualTo(429);
    assertThat(account(bystander).getAttempts()).isZero();
    assertThat(account(bystander).getLockExpirationTime()).isNull();
    // while a session signed in before goes on working, and the hits are recorded and counted
    assertThat(
            signedIn.post("/camunda/api/engine/engine/default/task/count", "{}", true).statusCode())
        .isEqualTo(200);
    LimitHit hit = awaitHit(4);
    assertThat(InetAddress.getByName(hit.subject()).isLoopbackAddress()).as(hit.subject()).isTrue();
    assertThat(hitsCounted() - hitsBefore).isEqualTo(4);

    // and once the wait it named is over, the owner signs in again
    TestClock.advance(
        Duration.ofSeconds(
            Long.parseLong(rest.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)) + 1));
    assertThat(engineRest(owner, password()).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldCountTheConnectionsAddressWhenACallerSendsXForwardedFor() {
    // given a guesser who claims another address on every call
    String target = newUser();
    int allowed = limits.failedSignIns().max();

    // when it fails as often as allowed and tries once more
    for (int failure = 0; failure < allowed; failure++) {
      assertThat(engineRest(target, WRONG, "10.0.0." + failure).getStatusCode())
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    ResponseEntity<String> next = engineRest(target, WRONG, "10.0.1.1");

    // then it is refused all the same, and the hit names the address it really calls from
    assertThat(next.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(awaitHit(1).subject()).doesNotStartWith("10.");
  }

  private LimitHit awaitHit(int refused) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> hits.find(Limit.FAILED_SIGN_INS.id(), null, new Page(0, 1)),
            found -> !found.isEmpty() && found.get(0).refused() == refused)
        .get(0);
  }

  private double hitsCounted() {
    return meters
        .get("deployment.limits.hits")
        .tag("limit", Limit.FAILED_SIGN_INS.id())
        .counter()
        .count();
  }

  private String newUser() {
    return TestUsers.newDeveloper(identityService, "signin", password());
  }

  private UserEntity account(String id) {
    return (UserEntity) identityService.createUserQuery().userId(id).singleResult();
  }

  private String password() {
    return properties.demo().password();
  }

  private ResponseEntity<String> engineRest(String user, String password) {
    return http.withBasicAuth(user, password).getForEntity("/engine-rest/task/count", String.class);
  }

  private ResponseEntity<String> engineRest(String user, String password, String forwardedFor) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Forwarded-For", forwardedFor);
    return http.withBasicAuth(user, password)
        .exchange(
            "/engine-rest/task/count", HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  private ResponseEntity<String> api(String user, String password) {
    return http.withBasicAuth(user, password).getForEntity("/api/limits/hits", String.class);
  }

  private int webappLogin(String user, String password) throws Exception {
    return WebappSession.attempt(port, user, password).statusCode();
  }
}
