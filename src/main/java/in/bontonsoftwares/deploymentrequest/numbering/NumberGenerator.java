package in.bontonsoftwares.deploymentrequest.numbering;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Human-readable numbers such as {@code DR-2026-0042} and {@code CHG-2026-0007}: one counter per
 * prefix and year in the app's database. A number is drawn in its own short transaction so that
 * concurrent requests do not hold a lock on the counter for the length of a process transaction; a
 * request that fails afterwards leaves a gap, as a database sequence would.
 */
@Service
public class NumberGenerator {

  private static final int ATTEMPTS = 5;

  /** What {@link #next} draws: a prefix, the year and a sequence of at least four digits. */
  private static final Pattern NUMBER = Pattern.compile("[A-Z]{2,8}-\\d{4}-\\d{4,9}");

  private final JdbcTemplate jdbc;
  private final TransactionTemplate newTransaction;
  private final Clock clock;

  NumberGenerator(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
    this.jdbc = jdbc;
    this.newTransaction = new TransactionTemplate(transactionManager);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /**
   * Whether a text is a number this generator draws. Numbers end up in file names, mail headers and
   * calendar properties; whatever holds one checks it before it uses it.
   */
  public static boolean isValid(String number) {
    return number != null && NUMBER.matcher(number).matches();
  }

  /** The number, or an exception naming what stands where a number should. */
  public static String requireValid(String number) {
    if (!isValid(number)) {
      throw new IllegalStateException("Not a request number: '" + number + "'");
    }
    return number;
  }

  /**
   * The next number for the prefix in the current year of the given zone, e.g. {@code
   * DR-2026-0042}.
   */
  public String next(String prefix, ZoneId zone) {
    int year = LocalDate.now(clock.withZone(zone)).getYear();
    for (int attempt = 1; ; attempt++) {
      try {
        Integer value = newTransaction.execute(status -> increment(prefix, year));
        // ASCII digits whatever the machine's locale: the number is an identifier
        return String.format(Locale.ROOT, "%s-%d-%04d", prefix, year, value);
      } catch (DuplicateKeyException firstOfTheYearRace) {
        if (attempt == ATTEMPTS) {
          throw firstOfTheYearRace;
        }
      }
    }
  }

  private int increment(String prefix, int year) {
    int updated =
        jdbc.update(
            "update number_sequence set counter = counter + 1 where prefix = ? and seq_year = ?",
            prefix,
            year);
    if (updated == 0) {
      jdbc.update(
          "insert into number_sequence (prefix, seq_year, counter) values (?, ?, 1)", prefix, year);
      return 1;
    }
    return jdbc.queryForObject(
        "select counter from number_sequence where prefix = ? and seq_year = ?",
        Integer.class,
        prefix,
        year);
  }
}
