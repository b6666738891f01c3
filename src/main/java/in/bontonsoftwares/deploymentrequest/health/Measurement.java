package in.bontonsoftwares.deploymentrequest.health;

/**
 * What one probe saw: its verdict, the value it judged ({@code 200}, {@code 0.004}; empty when
 * there was none) and why, in words.
 */
record Measurement(Verdict verdict, String value, String message) {

  static Measurement of(Verdict verdict, String value, String message) {
    return new Measurement(verdict, value == null ? "" : value, message == null ? "" : message);
  }
}
