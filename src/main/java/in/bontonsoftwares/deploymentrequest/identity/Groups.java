package in.bontonsoftwares.deploymentrequest.identity;

/** The group ids are part of the interface: BPMN candidate groups, filters and grants name them. */
public final class Groups {
  public static final String DEVELOPERS = "developers";
  public static final String DEVSECOPS = "devsecops";
  public static final String QA = "qa";
  public static final String ADMINS = "camunda-admin";

  /**
   * Service accounts of pipelines: they start requests with a token, never review, approve or reach
   * the webapps (no grants for tasks or applications).
   */
  public static final String PIPELINES = "pipelines";

  private Groups() {}
}
