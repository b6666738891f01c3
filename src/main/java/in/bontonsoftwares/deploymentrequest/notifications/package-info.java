/**
 * Task mails to people: when a task is assigned to them or lands in their group's queue, each
 * person's setting (immediately, or off) kept in the app's table {@code notification_setting} and
 * served at {@code /api/me/notifications}.
 */
package in.bontonsoftwares.deploymentrequest.notifications;
