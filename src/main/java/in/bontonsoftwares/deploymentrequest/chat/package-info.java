/**
 * Chat notifications (README "Chat"): a request's events posted to its Slack channel and to the
 * channels configured per environment, as Slack Block Kit (Web API {@code chat.postMessage}, one
 * thread a request, or an incoming webhook), a Microsoft Teams Adaptive Card (Workflows webhook) or
 * a Mattermost message with attachments (incoming webhook).
 *
 * <p>The hook is Camunda's Spring eventing, which this app already listens to for task mails
 * (notifications.TaskNotices): the engine publishes every execution event of the model, and {@link
 * ChatNotifications} picks the few that are an event of the request ({@link ChatEvent}: the end of
 * the mail task of that step, a sequence flow of a decision, a pipeline's message on "Execute
 * deployment"). That keeps the BPMN free of chat listeners, needs no change to the mail code, and
 * covers every way the model gets there (Tasklist, REST, the pipeline API). It writes one outbox
 * row per destination in the engine's transaction that made the event happen (a step rolled back
 * posts nothing; a step repeated by the engine finds its key already there), and {@link
 * ChatDelivery} sends the rows after the commit, from a thread of its own, with backoff; after the
 * last attempt a row is FAILED (a log line, the {@code deployment.chat.failures} metric) and an
 * admin may retry it. Chat being down never holds up or fails the process.
 */
package in.bontonsoftwares.deploymentrequest.chat;
