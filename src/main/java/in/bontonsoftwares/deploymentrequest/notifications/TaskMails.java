package in.bontonsoftwares.deploymentrequest.notifications;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** When a person gets a mail about a task of theirs or of their group's queue. */
public enum TaskMails {
  IMMEDIATELY,
  OFF;

  static Optional<TaskMails> parse(String text) {
    return Arrays.stream(values())
        .filter(value -> value.name().equalsIgnoreCase(text == null ? "" : text.trim()))
        .findFirst();
  }

  static String choices() {
    return String.join(", ", Arrays.stream(values()).map(v -> v.name()).toList())
        .toUpperCase(Locale.ROOT);
  }
}
