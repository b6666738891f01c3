package in.bontonsoftwares.deploymentrequest.forge;

/** The texts we leave on a held deployment: GitHub takes at most 1,024 characters of each. */
final class Comments {

  static final int MAX = 1024;

  private Comments() {}

  static String fit(String text) {
    if (text == null || text.length() <= MAX) {
      return text;
    }
    return text.substring(0, MAX - 1) + "…";
  }
}
