package in.bontonsoftwares.deploymentrequest.request;

import java.util.ArrayList;
import java.util.List;

/** Collects everything wrong with one submission, so that a person sees all of it at once. */
public final class Problems {

  private final List<String> problems = new ArrayList<>();

  public Problems add(String problem) {
    problems.add(problem);
    return this;
  }

  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new RequestValidationException(problems);
    }
  }
}
