package in.bontonsoftwares.deploymentrequest.review;

import in.bontonsoftwares.deploymentrequest.display.Readable;
import in.bontonsoftwares.deploymentrequest.form.CamundaForms.FormField;
import in.bontonsoftwares.deploymentrequest.process.Variable;
import in.bontonsoftwares.deploymentrequest.request.RequestValidator;
import in.bontonsoftwares.deploymentrequest.request.WindowTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The texts a reviewer of revision 2 or later reads: which fields of the request changed since the
 * previous revision, with the form's labels and the old and new values as the form shows them, and
 * the earlier rounds' reviews. Plain text, so that a read-only text area and a mail show it alike;
 * each fits a text variable.
 */
final class RevisionComparison {

  static final int MAX_LENGTH = RequestValidator.MAX_TEXT_LENGTH;
  static final int MAX_VALUE_LENGTH = 600;
  static final int MAX_COMMENT_LENGTH = 1500;

  private static final String EVIDENCE_SUFFIX = "Evidence";

  /** Continuation lines are indented, so that a blank line only ever separates two entries. */
  private static final String VALUE_INDENT = "       ";

  private static final String COMMENT_INDENT = "  ";

  private RevisionComparison() {}

  /**
   * The value of each field as the comparison keeps it: a checkbox as {@code true}/{@code false},
   * anything else as trimmed text, absent when empty.
   */
  static Map<String, String> values(List<FormField> fields, Function<String, Object> variables) {
    Map<String, String> values = new LinkedHashMap<>();
    for (FormField field : fields) {
      Object raw = variables.apply(field.key());
      String value =
          "checkbox".equals(field.type())
              ? String.valueOf(Variable.flag(field.key()).read(raw))
              : Variable.text(field.key()).read(raw);
      if (value != null) {
        values.put(field.key(), value);
      }
    }
    return values;
  }

  /** Which of the fields changed from {@code before} to {@code now}, with both values. */
  static String changes(
      int revision,
      List<FormField> fields,
      Map<String, String> before,
      Map<String, String> now,
      ZoneId zone) {
    List<String> entries = new ArrayList<>();
    for (FormField field : fields) {
      String was = before.get(field.key());
      String is = now.get(field.key());
      if ("checkbox".equals(field.type())) {
        was = was == null ? "false" : was;
        is = is == null ? "false" : is;
      }
      if (!Objects.equals(was, is)) {
        entries.add(
            label(field, fields)
                + "\n  was: "
                + indented(shown(field, was, zone), VALUE_INDENT)
                + "\n  now: "
                + indented(shown(field, is, zone), VALUE_INDENT));
      }
    }
    int previous = revision - 1;
    if (entries.isEmpty()) {
      return "No field of the request changed since revision %d.".formatted(previous);
    }
    String heading =
        (entries.size() == 1 ? "1 field" : entries.size() + " fields")
            + " changed since revision "
            + previous
            + ":";
    return joined(heading, entries);
  }

  /**
   * One earlier round: "Revision 1: Request changes by Sofia Secops (risk Medium)" and comments.
   */
  static String round(
      int revision, String decision, String reviewer, String risk, String comments) {
    StringBuilder text =
        new StringBuilder("Revision ")
            .append(revision)
            .append(": ")
            .append(decision == null ? "no decision recorded" : decision);
    if (reviewer != null) {
      text.append(" by ").append(reviewer);
    }
    if (risk != null) {
      text.append(" (risk ").append(risk).append(')');
    }
    text.append("\n  ")
        .append(
            comments == null
                ? "(no comments)"
                : indented(cut(comments, MAX_COMMENT_LENGTH), COMMENT_INDENT));
    return text.toString();
  }

  /**
   * The earlier rounds with one more, oldest first; when they grow too long the oldest are left out
   * (every review stays in the request's history).
   */
  static String withRound(String earlier, String round) {
    List<String> rounds = new ArrayList<>();
    if (earlier != null && !earlier.isBlank()) {
      for (String part : earlier.split("\n\n")) {
        if (part.startsWith("Revision ")) {
          rounds.add(part);
        }
      }
    }
    rounds.add(round);
    String text = String.join("\n\n", rounds);
    while (text.length() > MAX_LENGTH && rounds.size() > 1) {
      rounds.remove(0);
      text = LEFT_OUT + "\n\n" + String.join("\n\n", rounds);
    }
    return cut(text, MAX_LENGTH);
  }

  static final String LEFT_OUT =
      "(Older rounds are left out here; every review is kept in the request's history.)";

  private static String joined(String heading, List<String> entries) {
    StringBuilder text = new StringBuilder(heading);
    for (int i = 0; i < entries.size(); i++) {
      String more = "\n\n\u2026 and %d more changed fields.".formatted(entries.size() - i);
      if (text.length() + 2 + entries.get(i).length() + more.length() > MAX_LENGTH) {
        return text.append(more).toString();
      }
      text.append("\n\n").append(entries.get(i));
    }
    return text.toString();
  }

  /** The label as the form shows it; an evidence field is named after its checklist item. */
  private static String label(FormField field, List<FormField> fields) {
    if (field.key().endsWith(EVIDENCE_SUFFIX)) {
      String item = field.key().substring(0, field.key().length() - EVIDENCE_SUFFIX.length());
      for (FormField other : fields) {
        if (other.key().equals(item)) {
          return other.label() + ": " + field.label();
        }
      }
    }
    return field.label();
  }

  private static String shown(FormField field, String value, ZoneId zone) {
    if (value == null) {
      return "(empty)";
    }
    String shown =
        switch (field.type()) {
          case "checkbox" -> Boolean.parseBoolean(value) ? "yes" : "no";
          case "select", "radio" -> field.optionLabel(value);
          case "datetime" -> dateTime(value, zone);
          default -> value;
        };
    return cut(shown, MAX_VALUE_LENGTH);
  }

  private static String dateTime(String value, ZoneId zone) {
    try {
      return Readable.dateTime(WindowTime.parse(value, zone), zone);
    } catch (IllegalArgumentException notADateTime) {
      return value;
    }
  }

  private static String indented(String value, String indent) {
    return value.replace("\r\n", "\n").replace("\n", "\n" + indent);
  }

  private static String cut(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max - 1) + "\u2026";
  }
}
