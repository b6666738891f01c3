package in.bontonsoftwares.deploymentrequest.security;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * The requester tried to act on a task that someone else must do (review, scheduling, execution,
 * verification...).
 */
public class SeparationOfDutiesException extends ProcessEngineException {

  public SeparationOfDutiesException(String message) {
    super(message);
  }
}
