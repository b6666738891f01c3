package in.bontonsoftwares.deploymentrequest.review;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Component;

/**
 * Puts each review decision into Camunda's user operation log: the reviewer's "Complete" entry of
 * the review task gets the decision, risk and revision as its annotation. Runs on the decision
 * gateway after a save point, when the completion (and its log entry, written with the reviewer's
 * id) is committed.
 */
@Component("recordReviewDecision")
class ReviewDecisionRecorder implements ExecutionListener {

  private final HistoryService historyService;

  ReviewDecisionRecorder(HistoryService historyService) {
    this.historyService = historyService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    HistoricTaskInstance review =
        historyService
            .createHistoricTaskInstanceQuery()
            .processInstanceId(execution.getProcessInstanceId())
            .taskDefinitionKey(Element.REVIEW_REQUEST)
            .finished()
            .orderByHistoricTaskInstanceEndTime()
            .desc()
            .listPage(0, 1)
            .stream()
            .findFirst()
            .orElse(null);
    if (review == null) {
      return;
    }
    ProcessVariables v = ProcessVariables.of(execution);
    String annotation =
        "Decision: %s; risk: %s; revision %d; reviewer: %s"
            .formatted(
                v.text(REVIEW_DECISION), v.text(RISK_LEVEL), v.get(REVISION), v.text(REVIEWER));
    for (UserOperationLogEntry entry :
        historyService
            .createUserOperationLogQuery()
            .taskId(review.getId())
            .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
            .list()) {
      if (entry.getAnnotation() == null) {
        historyService.setAnnotationForOperationLogById(entry.getOperationId(), annotation);
      }
    }
  }
}
