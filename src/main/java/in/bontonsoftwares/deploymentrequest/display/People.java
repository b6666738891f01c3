package in.bontonsoftwares.deploymentrequest.display;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * People as the identity service knows them: "Sofia Secops" for {@code sofia}, the id itself when
 * the user has no name (or no longer exists). Read by the app itself, whoever is signed in: a mail
 * names the reviewer whether or not its reader may browse users.
 */
@Component
public class People {

  private final ProcessEngine engine;

  People(@Lazy ProcessEngine engine) {
    this.engine = engine;
  }

  /** First and last name, or the id when there is none; empty for none. */
  public String name(String userId) {
    if (userId == null || userId.isBlank()) {
      return "";
    }
    return user(userId)
        .map(user -> join(user.getFirstName(), user.getLastName()))
        .filter(name -> !name.isBlank())
        .orElse(userId);
  }

  /** The user's email address, if the identity service has one. */
  public Optional<String> email(String userId) {
    return user(userId).map(User::getEmail).filter(email -> email != null && !email.isBlank());
  }

  /** The ids of the group's members. */
  public List<String> members(String groupId) {
    return asApp(
        context ->
            context
                .getReadOnlyIdentityProvider()
                .createUserQuery()
                .memberOfGroup(groupId)
                .list()
                .stream()
                .map(User::getId)
                .toList());
  }

  private Optional<User> user(String userId) {
    if (userId == null || userId.isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        asApp(context -> context.getReadOnlyIdentityProvider().findUserById(userId)));
  }

  private <T> T asApp(Command<T> command) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return configuration
        .getCommandExecutorTxRequired()
        .execute(
            (CommandContext context) -> {
              boolean checking = context.isAuthorizationCheckEnabled();
              context.disableAuthorizationCheck();
              try {
                return command.execute(context);
              } finally {
                if (checking) {
                  context.enableAuthorizationCheck();
                }
              }
            });
  }

  private static String join(String first, String last) {
    return ((first == null ? "" : first.trim()) + " " + (last == null ? "" : last.trim())).trim();
  }
}
