package in.bontonsoftwares.deploymentrequest.identity;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me}: who the caller is (id, full name, email, groups), for our pages to greet
 * them and choose what to show first. Only the caller's own entry.
 */
@RestController
class MeController {

  private final IdentityService identityService;

  MeController(IdentityService identityService) {
    this.identityService = identityService;
  }

  @GetMapping("/api/me")
  Me me(Authentication caller) {
    String id = caller.getName();
    User user = identityService.createUserQuery().userId(id).singleResult();
    List<Me.Team> groups =
        identityService.createGroupQuery().groupMember(id).orderByGroupId().asc().list().stream()
            .map(group -> new Me.Team(group.getId(), nameOf(group)))
            .toList();
    if (user == null) {
      return new Me(id, id, null, groups);
    }
    String name =
        String.join(
                " ",
                Objects.requireNonNullElse(user.getFirstName(), ""),
                Objects.requireNonNullElse(user.getLastName(), ""))
            .strip();
    return new Me(id, name.isEmpty() ? id : name, user.getEmail(), groups);
  }

  private static String nameOf(Group group) {
    return group.getName() == null ? group.getId() : group.getName();
  }

  record Me(String id, String name, String email, List<Team> groups) {

    record Team(String id, String name) {}
  }
}
