package in.bontonsoftwares.deploymentrequest.schedule;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * How the app writes iCalendar (RFC 5545) with iCal4j, for the invitations and the calendar feed:
 * what people typed made safe as TEXT and parameter values, validated output, and lines folded at
 * 75 octets.
 */
public final class ICalendarText {

  private static final int MAX_LINE_OCTETS = 75;

  private ICalendarText() {}

  /** The calendar, validated and written with its lines folded. */
  public static String write(Calendar calendar) {
    StringWriter ics = new StringWriter();
    try {
      new CalendarOutputter(false, Integer.MAX_VALUE).output(calendar, ics);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ValidationException e) {
      throw new IllegalStateException("Invalid iCalendar: " + e.getMessage(), e);
    }
    return fold(ics.toString());
  }

  /**
   * A TEXT value (RFC 5545 3.3.11) as iCal4j escapes it: one kind of line break, no other control
   * characters.
   */
  public static String text(String value) {
    return value.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[\\p{Cntrl}&&[^\n\t]]", " ");
  }

  /**
   * A quoted parameter value (RFC 5545 3.2) may hold anything but a double quote and control
   * characters.
   */
  public static String parameter(String value) {
    return value.replace("\"", "'").replaceAll("\\p{Cntrl}", " ").trim();
  }

  /**
   * Content lines longer than 75 octets are folded: CRLF and a space, never inside a UTF-8
   * character. iCal4j folds by characters, which lets a line of non-ASCII text grow past 75 octets.
   */
  static String fold(String ics) {
    StringBuilder folded = new StringBuilder();
    for (String line : ics.split("\r\n")) {
      int octets = 0;
      for (int i = 0; i < line.length(); ) {
        int codePoint = line.codePointAt(i);
        int size = new String(Character.toChars(codePoint)).getBytes(UTF_8).length;
        if (octets + size > MAX_LINE_OCTETS) {
          folded.append("\r\n ");
          octets = 1;
        }
        folded.appendCodePoint(codePoint);
        octets += size;
        i += Character.charCount(codePoint);
      }
      folded.append("\r\n");
    }
    return folded.toString();
  }
}
