package in.bontonsoftwares.deploymentrequest.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median with min–max over repetitions, and percentiles of latencies. */
record Stats(double median, double min, double max, int count) {

  static Stats of(Collection<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Stats(median, sorted.get(0), sorted.get(n - 1), n);
  }

  /** The p-th percentile (0 < p <= 100), nearest rank. */
  static double percentile(List<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /** "0.82 (0.79–0.88)" with the given number of decimals. */
  String format(int decimals) {
    String pattern = "%." + decimals + "f";
    return String.format(
        Locale.ROOT, pattern + " (" + pattern + "–" + pattern + ")", median, min, max);
  }
}
