package in.bontonsoftwares.deploymentrequest.request;

/**
 * Lets the requester read the request they just started. The grants are the security package's
 * business ({@code security.AuthorizationSetup}); declaring the need here keeps {@code request}
 * free of it.
 */
public interface RequesterAccess {

  /** Called in the transaction that starts the request. */
  void grantRequester(String userId, String processInstanceId);
}
