package in.bontonsoftwares.deploymentrequest.notifications;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/me/notifications} answers the signed-in person's setting, {@code PUT} changes it:
 * {@code {"taskMails": "IMMEDIATELY"}} or {@code "OFF"}; anything else is 400.
 */
@RestController
@RequestMapping("/api/me/notifications")
class NotificationController {

  private final NotificationSettings settings;

  NotificationController(NotificationSettings settings) {
    this.settings = settings;
  }

  @GetMapping
  Notifications get(Authentication caller) {
    return new Notifications(settings.taskMails(caller.getName()).name());
  }

  @PutMapping
  Notifications put(@RequestBody(required = false) Notifications body, Authentication caller) {
    TaskMails setting =
        TaskMails.parse(body == null ? null : body.taskMails())
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.BAD_REQUEST, "taskMails must be one of " + TaskMails.choices()));
    settings.setTaskMails(caller.getName(), setting);
    return new Notifications(setting.name());
  }

  /** When to mail about tasks: {@code IMMEDIATELY} (the default) or {@code OFF}. */
  record Notifications(String taskMails) {}
}
