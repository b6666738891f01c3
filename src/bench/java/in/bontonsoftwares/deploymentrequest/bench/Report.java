package in.bontonsoftwares.deploymentrequest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's results: one row per ratio, then the details; printed and written as Markdown.
 */
final class Report {

  /** A ratio A ÷ B with its target (none: null); {@code atMost}: the target is an upper bound. */
  record Ratio(
      String id, String measure, String a, String b, Stats ratio, Double target, boolean atMost) {

    boolean met() {
      return target == null || (atMost ? ratio.median() <= target : ratio.median() >= target);
    }
  }

  private final List<Ratio> ratios = new ArrayList<>();
  private final List<String> details = new ArrayList<>();
  private final String machine =
      Runtime.getRuntime().availableProcessors()
          + " cores, Java "
          + System.getProperty("java.version");

  synchronized void ratio(
      String id, String measure, String a, String b, Stats ratio, Double target, boolean atMost) {
    ratios.add(new Ratio(id, measure, a, b, ratio, target, atMost));
    System.out.println(line(ratios.get(ratios.size() - 1)));
  }

  /** Progress on the console only, with the time of day. */
  void progress(String message) {
    System.out.println(java.time.LocalTime.now().withNano(0) + "  " + message);
  }

  /** A line of Markdown under the table (a heading, a table row, a sentence). */
  synchronized void detail(String markdown) {
    details.add(markdown);
    System.out.println(markdown);
  }

  synchronized String markdown(Duration total) {
    StringBuilder out = new StringBuilder();
    out.append("Benchmark of ")
        .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append(" on ")
        .append(machine)
        .append(", ")
        .append(String.format(Locale.ROOT, "%.1f", total.toSeconds() / 60.0))
        .append(
            " min. Median of the repetitions (min–max); ratios are taken per repetition, A and B measured "
                + "alternately in the same run.\n\n");
    out.append("| | Measure | A | B | A ÷ B | Target | |\n|---|---|---|---|---|---|---|\n");
    for (Ratio ratio : ratios) {
      out.append(line(ratio)).append('\n');
    }
    out.append('\n');
    details.forEach(detail -> out.append(detail).append('\n'));
    return out.toString();
  }

  void write(Path file, Duration total) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, markdown(total));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String line(Ratio ratio) {
    return "| "
        + ratio.id()
        + " | "
        + ratio.measure()
        + " | "
        + ratio.a()
        + " | "
        + ratio.b()
        + " | "
        + ratio.ratio().format(2)
        + " | "
        + (ratio.target() == null
            ? "– | |"
            : (ratio.atMost() ? "≤ " : "≥ ")
                + String.format(Locale.ROOT, "%.1f", ratio.target())
                + " | "
                + (ratio.met() ? "met" : "**missed**")
                + " |");
  }
}
