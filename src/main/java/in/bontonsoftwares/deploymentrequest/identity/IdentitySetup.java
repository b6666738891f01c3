package in.bontonsoftwares.deploymentrequest.identity;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates, once the engine is up and idempotently, the groups every run needs, the Tasklist filters
 * people work from, and in the embedded default run the demo users listed in the README.
 */
@Component
class IdentitySetup {

  private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

  /** id, first name, last name, groups. */
  static final List<DemoUser> DEMO_USERS =
      List.of(
          new DemoUser("dana", "Dana", "Developer", List.of(Groups.DEVELOPERS)),
          new DemoUser("dev", "Devon", "Builder", List.of(Groups.DEVELOPERS)),
          new DemoUser("sofia", "Sofia", "Secops", List.of(Groups.DEVSECOPS)),
          new DemoUser("sam", "Sam", "Operator", List.of(Groups.DEVSECOPS)),
          new DemoUser("quinn", "Quinn", "Tester", List.of(Groups.QA)),
          new DemoUser("cibot", "CI", "Pipeline", List.of(Groups.PIPELINES)));

  private final IdentityService identityService;
  private final FilterService filterService;
  private final TaskService taskService;
  private final DeploymentRequestProperties properties;

  IdentitySetup(
      IdentityService identityService,
      FilterService filterService,
      TaskService taskService,
      DeploymentRequestProperties properties) {
    this.identityService = identityService;
    this.filterService = filterService;
    this.taskService = taskService;
    this.properties = properties;
  }

  @EventListener
  public void onApplicationReady(ApplicationReadyEvent event) {
    group(Groups.DEVELOPERS, "Development teams");
    group(Groups.DEVSECOPS, "DevSecOps");
    group(Groups.QA, "QA");
    group(Groups.PIPELINES, "Pipelines (service accounts)");
    if (properties.demo().enabled()) {
      DEMO_USERS.forEach(this::demoUser);
    }
    filters();
  }

  private void group(String id, String name) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identityService.saveGroup(group);
      LOG.info("Created group {}", id);
    }
  }

  private void demoUser(DemoUser demo) {
    if (identityService.createUserQuery().userId(demo.id()).count() == 0) {
      User user = identityService.newUser(demo.id());
      user.setFirstName(demo.firstName());
      user.setLastName(demo.lastName());
      user.setEmail(demo.id() + "@example.com");
      user.setPassword(properties.demo().password());
      identityService.saveUser(user);
      demo.groups().forEach(group -> identityService.createMembership(demo.id(), group));
      LOG.info("Created demo user {} in {}", demo.id(), demo.groups());
    }
  }

  private void filters() {
    filter(
        "My tasks",
        "Tasks assigned to me",
        -10,
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    filter(
        "My groups' tasks",
        "Unclaimed tasks of my groups: claim one to work on it",
        -5,
        taskService
            .createTaskQuery()
            .taskCandidateGroupInExpression("${currentUserGroups()}")
            .taskUnassigned());
    filter(
        "Overdue",
        "Tasks past their due date, such as reviews beyond the SLA",
        0,
        taskService.createTaskQuery().dueBeforeExpression("${now()}"));
    filter(
        "All deployment requests",
        "Every open task of the Deployment Request process",
        10,
        taskService.createTaskQuery().processDefinitionKey(DeploymentRequestProcess.KEY));
  }

  private void filter(String name, String description, int priority, TaskQuery query) {
    if (filterService.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("refresh", true);
    properties.put(
        "variables",
        List.of(
            variable(DeploymentRequestProcess.Var.REQUEST_NUMBER, "Request"),
            variable(DeploymentRequestProcess.Var.PROJECT_NAME, "Project"),
            variable(DeploymentRequestProcess.Var.ENVIRONMENT, "Environment"),
            variable(DeploymentRequestProcess.Var.REQUESTER, "Requester")));
    Filter filter = filterService.newTaskFilter(name).setQuery(query).setProperties(properties);
    filterService.saveFilter(filter);
    LOG.info("Created Tasklist filter '{}'", name);
  }

  private static Map<String, String> variable(String name, String label) {
    return Map.of("name", name, "label", label);
  }

  record DemoUser(String id, String firstName, String lastName, List<String> groups) {}
}
