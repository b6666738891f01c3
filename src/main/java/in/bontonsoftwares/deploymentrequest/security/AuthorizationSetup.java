package in.bontonsoftwares.deploymentrequest.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import in.bontonsoftwares.deploymentrequest.identity.Groups;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import in.bontonsoftwares.deploymentrequest.process.ExecutionHealthChecksProcess;
import in.bontonsoftwares.deploymentrequest.request.RequesterAccess;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The engine's grants per group, created at start-up and brought up to date idempotently. Least
 * privilege: nobody gets UPDATE on tasks; people work the tasks they are candidates or assignees of
 * through the engine's own per-task TASK_WORK grants ({@code defaultUserPermissionNameForTask}); a
 * developer reads only the requests they started (granted per request when it starts). {@code
 * camunda-admin} gets everything from the Camunda starter.
 */
@Component
public class AuthorizationSetup implements RequesterAccess {

  private static final String APPLICATION_TASKLIST = "tasklist";
  private static final String APPLICATION_COCKPIT = "cockpit";

  private final AuthorizationService authorizationService;

  AuthorizationSetup(AuthorizationService authorizationService) {
    this.authorizationService = authorizationService;
  }

  @EventListener
  public void onApplicationReady(ApplicationReadyEvent event) {
    for (String group : new String[] {Groups.DEVELOPERS, Groups.DEVSECOPS, Groups.QA}) {
      grant(group, Resources.APPLICATION, APPLICATION_TASKLIST, Permissions.ACCESS);
      grant(group, Resources.FILTER, ANY, Permissions.READ);
      grant(group, Resources.USER, ANY, Permissions.READ);
      grant(group, Resources.GROUP, ANY, Permissions.READ);
    }
    grant(
        Groups.DEVELOPERS,
        Resources.PROCESS_DEFINITION,
        DeploymentRequestProcess.KEY,
        ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.CREATE_INSTANCE);
    grant(Groups.DEVELOPERS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
    // pipelines start requests and read them (status and gate), nothing else: no tasks, no
    // filters, no webapp
    grant(
        Groups.PIPELINES,
        Resources.PROCESS_DEFINITION,
        DeploymentRequestProcess.KEY,
        ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.CREATE_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY);
    grant(Groups.PIPELINES, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
    for (String group : new String[] {Groups.DEVSECOPS, Groups.QA}) {
      grant(
          group,
          Resources.PROCESS_DEFINITION,
          DeploymentRequestProcess.KEY,
          ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.READ_INSTANCE,
          ProcessDefinitionPermissions.READ_HISTORY,
          ProcessDefinitionPermissions.READ_TASK);
    }
    grant(Groups.DEVSECOPS, Resources.APPLICATION, APPLICATION_COCKPIT, Permissions.ACCESS);
    // DevSecOps watch the health checks during execution in Cockpit; only the engine starts them
    grant(
        Groups.DEVSECOPS,
        Resources.PROCESS_DEFINITION,
        ExecutionHealthChecksProcess.KEY,
        ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY);
  }

  /**
   * The requester reads their own request and its history; called in the transaction that starts
   * it.
   */
  @Override
  public void grantRequester(String userId, String processInstanceId) {
    grantUser(
        userId, Resources.PROCESS_INSTANCE, processInstanceId, ProcessInstancePermissions.READ);
    grantUser(
        userId,
        Resources.HISTORIC_PROCESS_INSTANCE,
        processInstanceId,
        HistoricProcessInstancePermissions.READ);
  }

  private void grant(
      String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization =
        authorizationService
            .createAuthorizationQuery()
            .groupIdIn(groupId)
            .resourceType(resource)
            .resourceId(resourceId)
            .singleResult();
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    save(authorization, permissions);
  }

  private void grantUser(
      String userId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
    authorization.setUserId(userId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    save(authorization, permissions);
  }

  private void save(Authorization authorization, Permission... permissions) {
    boolean missing = false;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        missing = true;
      }
    }
    if (missing) {
      authorizationService.saveAuthorization(authorization);
    }
  }
}
