package in.bontonsoftwares.deploymentrequest.identity;

/** The group ids are part of the interface: BPMN candidate groups, filters and grants name them. */
public final class Groups {
  public static final String DEVELOPERS = "developers";
  public static final String DEVSECOPS = "devsecops";
  public static final String QA = "qa";
  public static final String ADMINS = "camunda-admin";

  private Groups() {}
}
