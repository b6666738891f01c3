package in.bontonsoftwares.deploymentrequest.chat;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Element;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * The events of a request that chat hears of, and where in the model each happens: the end of an
 * activity, the start of an end event, or a sequence flow taken. An event that asks someone to act
 * names the user task it asks for (the message links to it).
 */
enum ChatEvent {
  SUBMITTED(
      "submitted for review",
      ExecutionListener.EVENTNAME_END,
      Element.SEND_REQUEST_EMAIL,
      Element.REVIEW_REQUEST,
      false),
  CHANGES_REQUESTED(
      "changes requested",
      ExecutionListener.EVENTNAME_END,
      Element.SEND_CHANGES_REQUESTED_EMAIL,
      Element.AMEND_REQUEST,
      false),
  APPROVED(
      "approved",
      ExecutionListener.EVENTNAME_TAKE,
      "Flow_Approved",
      Element.SCHEDULE_DEPLOYMENT,
      false),
  REJECTED("rejected", ExecutionListener.EVENTNAME_END, Element.SEND_REJECTION_EMAIL, null, false),
  SCHEDULED(
      "scheduled", ExecutionListener.EVENTNAME_END, Element.SEND_SCHEDULE_CONFIRMATION, null, true),
  WINDOW_OPEN(
      "window open",
      ExecutionListener.EVENTNAME_END,
      Element.SEND_WINDOW_OPEN_EMAIL,
      Element.EXECUTE_DEPLOYMENT,
      true),
  DEPLOYMENT_STARTED(
      "deployment started",
      ExecutionListener.EVENTNAME_END,
      Element.DEPLOYMENT_STARTED,
      null,
      true),
  DEPLOYMENT_SUCCEEDED(
      "deployment succeeded",
      ExecutionListener.EVENTNAME_TAKE,
      "Flow_ExecutionSucceeded",
      null,
      true),
  /** Reported by the pipeline (or the checks during execution), or a person's critical issue. */
  DEPLOYMENT_FAILED(
      "deployment failed", ExecutionListener.EVENTNAME_END, Element.DEPLOYMENT_FAILED, null, true),
  DEPLOYMENT_FAILED_BY_PERSON(
      "deployment failed", ExecutionListener.EVENTNAME_TAKE, "Flow_CriticalIssue", null, true),
  ROLLED_BACK(
      "rolled back", ExecutionListener.EVENTNAME_END, Element.SEND_ROLLBACK_EMAIL, null, true),
  DEPLOYED("deployed", ExecutionListener.EVENTNAME_START, Element.END_DEPLOYED, null, false);

  private final String sentence;
  private final String engineEvent;
  private final String elementId;
  private final String task;
  private final boolean perWindow;

  ChatEvent(String sentence, String engineEvent, String elementId, String task, boolean perWindow) {
    this.sentence = sentence;
    this.engineEvent = engineEvent;
    this.elementId = elementId;
    this.task = task;
    this.perWindow = perWindow;
  }

  /** The event at this point of the model, or {@code null}. */
  static ChatEvent at(String engineEvent, String activityId, String transitionId) {
    String element =
        ExecutionListener.EVENTNAME_TAKE.equals(engineEvent) ? transitionId : activityId;
    for (ChatEvent event : values()) {
      if (event.engineEvent.equals(engineEvent) && event.elementId.equals(element)) {
        return event;
      }
    }
    return null;
  }

  /** What happened, after the request's number: "DR-2026-0042 approved". */
  String sentence() {
    return sentence;
  }

  /** The name in keys and the message table: both ways a deployment fails are one event. */
  String id() {
    return this == DEPLOYMENT_FAILED_BY_PERSON ? DEPLOYMENT_FAILED.name() : name();
  }

  /** The user task the message asks someone to do, or {@code null}. */
  String task() {
    return task;
  }

  /**
   * Whether the event may happen again in one revision, once per confirmed window (a deployment
   * rescheduled opens a new window): the key then holds the window's start.
   */
  boolean perWindow() {
    return perWindow;
  }

  String elementId() {
    return elementId;
  }
}
