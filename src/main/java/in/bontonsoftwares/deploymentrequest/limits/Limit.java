package in.bontonsoftwares.deploymentrequest.limits;

/** The limits a hit can be recorded for; {@link #id()} is what the table and the API show. */
public enum Limit {
  /** Failed sign-ins from one client address (the subject is the address). */
  FAILED_SIGN_INS("failed-sign-ins"),
  /** Requests one person started within the window (the subject is the user id). */
  STARTS("starts"),
  /** Open requests of one requester (the subject is the user id). */
  OPEN_REQUESTS("open-requests");

  private final String id;

  Limit(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
