package in.bontonsoftwares.deploymentrequest.checklist;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties.Item;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Var;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The pre-deployment checklist of policy 3.1.2 as configured: which items an environment requires,
 * which are open.
 */
@Service
public class ChecklistService {

  private final List<Item> items;

  ChecklistService(DeploymentRequestProperties properties) {
    this.items = properties.checklist().items();
  }

  public List<Item> items() {
    return items;
  }

  public List<Item> requiredFor(String environment) {
    return items.stream().filter(item -> item.environments().contains(environment)).toList();
  }

  /** The items the environment requires that the request has not ticked. */
  public List<Item> missing(String environment, ProcessVariables variables) {
    return requiredFor(environment).stream()
        .filter(item -> !variables.flag(answerVariable(item)))
        .toList();
  }

  public static String answerVariable(Item item) {
    return Var.CHECKLIST_PREFIX + item.id();
  }

  public static String evidenceVariable(Item item) {
    return answerVariable(item) + Var.CHECKLIST_EVIDENCE_SUFFIX;
  }
}
