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

  /** How many problems so far: whether a check found one. */
  public int count() {
    return problems.size();
  }

  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new RequestValidationException(problems);
    }
  }
}
