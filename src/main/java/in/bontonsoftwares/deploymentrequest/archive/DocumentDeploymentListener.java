package in.bontonsoftwares.deploymentrequest.archive;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.ISSUES_AND_RESOLUTIONS;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.LESSONS_LEARNED;
import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.POST_DEPLOYMENT_METRICS;

import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.request.CompletionCheck;
import in.bontonsoftwares.deploymentrequest.request.Problems;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import org.springframework.stereotype.Component;

/**
 * Completing "Document deployment": the three parts of the documentation the deployment record
 * carries (policy step 7) are required.
 */
@Component("documentDeploymentListener")
class DocumentDeploymentListener extends CompletionCheck {

  DocumentDeploymentListener(RequestValidator validator) {
    super(validator);
  }

  @Override
  protected void check(ProcessVariables v, Problems problems) {
    validator.required(v, ISSUES_AND_RESOLUTIONS, "Issues and resolutions", problems);
    validator.required(v, POST_DEPLOYMENT_METRICS, "Post-deployment metrics", problems);
    validator.required(v, LESSONS_LEARNED, "Lessons learned", problems);
    validator.lengths(
        v, problems, ISSUES_AND_RESOLUTIONS, POST_DEPLOYMENT_METRICS, LESSONS_LEARNED);
  }
}
