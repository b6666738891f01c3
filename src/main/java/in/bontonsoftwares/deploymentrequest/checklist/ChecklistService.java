package in.bontonsoftwares.deploymentrequest.checklist;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties.Item;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.Variable;
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
    return requiredFor(environment).stream().filter(item -> !variables.get(answer(item))).toList();
  }

  /** The item's checkbox, {@code checklist<Id>}. */
  public static Variable<Boolean> answer(Item item) {
    return Data.checklistAnswer(item.id());
  }

  /** The item's evidence field, {@code checklist<Id>Evidence}. */
  public static Variable<String> evidence(Item item) {
    return Data.checklistEvidence(item.id());
  }

  /**
   * @deprecated the name of {@link #answer(Item)}, for {@code ProcessModelTest} until it is
   *     converted
   */
  @Deprecated
  public static String answerVariable(Item item) {
    return answer(item).name();
  }

  /**
   * @deprecated the name of {@link #evidence(Item)}, for {@code ProcessModelTest} until it is
   *     converted
   */
  @Deprecated
  public static String evidenceVariable(Item item) {
    return evidence(item).name();
  }
}
