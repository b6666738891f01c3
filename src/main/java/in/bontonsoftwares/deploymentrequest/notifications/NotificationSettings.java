package in.bontonsoftwares.deploymentrequest.notifications;

import in.bontonsoftwares.deploymentrequest.database.SqlInstant;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Each person's setting; a person without a row gets {@link TaskMails#IMMEDIATELY}. */
@Repository
class NotificationSettings {

  static final TaskMails DEFAULT = TaskMails.IMMEDIATELY;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  NotificationSettings(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  TaskMails taskMails(String userId) {
    List<String> stored =
        jdbc.queryForList(
            "select task_mails from notification_setting where user_id = ?", String.class, userId);
    return stored.isEmpty() ? DEFAULT : TaskMails.parse(stored.get(0)).orElse(DEFAULT);
  }

  @Transactional
  void setTaskMails(String userId, TaskMails setting) {
    int updated =
        jdbc.update(
            "update notification_setting set task_mails = ?, updated_at = ? where user_id = ?",
            setting.name(),
            SqlInstant.of(clock.instant()),
            userId);
    if (updated == 0) {
      jdbc.update(
          "insert into notification_setting (user_id, task_mails, updated_at) values (?, ?, ?)",
          userId,
          setting.name(),
          SqlInstant.of(clock.instant()));
    }
  }
}
