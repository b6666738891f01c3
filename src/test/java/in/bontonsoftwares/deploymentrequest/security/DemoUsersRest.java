package in.bontonsoftwares.deploymentrequest.security;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The app's HTTP APIs as the demo users call them, with HTTP Basic and JSON bodies. */
record DemoUsersRest(TestRestTemplate http, DeploymentRequestProperties properties) {

  TestRestTemplate as(String user) {
    return http.withBasicAuth(user, properties.demo().password());
  }

  static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
