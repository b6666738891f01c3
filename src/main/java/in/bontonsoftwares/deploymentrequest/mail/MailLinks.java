package in.bontonsoftwares.deploymentrequest.mail;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.mail.MailMessage.Link;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.stereotype.Component;

/**
 * Where mails point: the request's page ({@code /requests.html?request=DR-2026-0042}) and one task
 * in Tasklist ({@code /camunda/app/tasklist/default/#/?task=<id>}, the link Tasklist 7.24 itself
 * gives a task in its list).
 */
@Component
public class MailLinks {

  private final String baseUrl;
  private final String tasklist;

  public MailLinks(DeploymentRequestProperties properties, CamundaBpmProperties camunda) {
    this.baseUrl = properties.baseUrl();
    this.tasklist = baseUrl + camunda.getWebapp().getApplicationPath() + "/app/tasklist/default/";
  }

  public String requestPage(String requestNumber) {
    return baseUrl + "/requests.html?request=" + encode(requestNumber);
  }

  public String task(String taskId) {
    return tasklist + "#/?task=" + encode(taskId);
  }

  public String tasklist() {
    return tasklist;
  }

  Link toRequest(String requestNumber) {
    return new Link("Deployment request " + requestNumber, requestPage(requestNumber));
  }

  Link toTask(String taskId, String taskName) {
    return new Link("Open \"" + taskName + "\" in Tasklist", task(taskId));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
