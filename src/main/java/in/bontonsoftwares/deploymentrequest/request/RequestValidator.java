package in.bontonsoftwares.deploymentrequest.request;

import static in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess.Data.*;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.display.Readable;
import in.bontonsoftwares.deploymentrequest.health.AllowedHosts;
import in.bontonsoftwares.deploymentrequest.process.ProcessVariables;
import in.bontonsoftwares.deploymentrequest.process.Variable;
import in.bontonsoftwares.deploymentrequest.process.WindowVariables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The server-side checks of what people enter. Forms check the same things in the browser, but the
 * REST API and older forms reach the engine directly, so the engine never trusts them.
 */
@Component
public class RequestValidator {

  /**
   * A window picked a few minutes ago, while the form was being filled in, is not "in the past".
   */
  static final Duration PAST_GRACE = Duration.ofMinutes(5);

  public static final int MAX_TEXT_LENGTH = 4000;

  /**
   * One email address: a name, {@code @}, and a domain that ends in a dot and two or more letters
   * ({@code olivia@example.com}, not {@code olivia@example}). The forms' {@code pattern}s are these
   * very expressions (JavaScript reads them alike), so form and server accept the same addresses
   * ({@code FormRulesTest}).
   */
  private static final String ADDRESS =
      "[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}";

  public static final String EMAIL_PATTERN = "^" + ADDRESS + "$";

  /** Addresses separated by commas, semicolons or spaces. */
  public static final String EMAIL_LIST_PATTERN =
      "^[,;\\s]*" + ADDRESS + "([,;\\s]+" + ADDRESS + ")*[,;\\s]*$";

  /**
   * An http:// or https:// address with a host name, an optional port and then only characters that
   * URLs allow (no spaces).
   */
  public static final String URL_PATTERN =
      "^https?://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?"
          + "([/?#][A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=%-]*)?$";

  private static final Pattern EMAIL = Pattern.compile(EMAIL_PATTERN);
  private static final Pattern EMAIL_LIST = Pattern.compile(EMAIL_LIST_PATTERN);
  private static final Pattern URL = Pattern.compile(URL_PATTERN);

  private static final Map<Variable<String>, String> REQUIRED_REQUEST_FIELDS =
      new LinkedHashMap<>();

  static {
    REQUIRED_REQUEST_FIELDS.put(PROJECT_NAME, "Project name");
    REQUIRED_REQUEST_FIELDS.put(APPLICATION_NAME, "Application / service");
    REQUIRED_REQUEST_FIELDS.put(VERSION, "Version / artifact");
    REQUIRED_REQUEST_FIELDS.put(ENVIRONMENT, "Environment");
    REQUIRED_REQUEST_FIELDS.put(CHANGE_DESCRIPTION, "Change description");
    REQUIRED_REQUEST_FIELDS.put(WINDOW_START, "Preferred window start");
    REQUIRED_REQUEST_FIELDS.put(WINDOW_END, "Preferred window end");
    REQUIRED_REQUEST_FIELDS.put(ROLLBACK_PLAN, "Rollback plan");
    REQUIRED_REQUEST_FIELDS.put(ON_CALL_NAME, "On-call contact name");
    REQUIRED_REQUEST_FIELDS.put(ON_CALL_EMAIL, "On-call contact email");
    REQUIRED_REQUEST_FIELDS.put(ON_CALL_PHONE, "On-call contact phone");
    REQUIRED_REQUEST_FIELDS.put(REALTIME_CHANNEL, "Real-time channel");
  }

  private static final Pattern COMMIT = Pattern.compile("^[0-9a-fA-F]{7,64}$");

  /** The digests an OCI registry or a build names an artifact by. */
  public static final Pattern DIGEST =
      Pattern.compile("^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$");

  private final DeploymentRequestProperties properties;
  private final Clock clock;
  private final AllowedHosts allowedHosts;
  private final List<WindowRule> windowRules;

  RequestValidator(DeploymentRequestProperties properties, Clock clock, AllowedHosts allowedHosts) {
    this(properties, clock, allowedHosts, List.of());
  }

  @Autowired
  RequestValidator(
      DeploymentRequestProperties properties,
      Clock clock,
      AllowedHosts allowedHosts,
      List<WindowRule> windowRules) {
    this.properties = properties;
    this.clock = clock;
    this.allowedHosts = allowedHosts;
    this.windowRules = List.copyOf(windowRules);
  }

  /**
   * Checks a new or amended request and stores its preferred window canonically and as dates.
   *
   * @throws RequestValidationException listing every problem
   */
  public void validateRequest(ProcessVariables variables) {
    Problems problems = new Problems();
    checkRequest(variables, problems);
    problems.throwIfAny();
  }

  /** Adds every problem of a new or amended request; stores its preferred window as dates. */
  public void checkRequest(ProcessVariables variables, Problems problems) {
    REQUIRED_REQUEST_FIELDS.forEach((name, label) -> required(variables, name, label, problems));
    String environment = variables.get(ENVIRONMENT);
    if (environment != null && Environment.fromId(environment).isEmpty()) {
      problems.add(
          "Environment must be one of development, testing, staging or production (got '%s')."
              .formatted(environment));
    }
    window(variables, PREFERRED_WINDOW, "preferred deployment window", problems);
    email(variables, ON_CALL_EMAIL, "On-call contact email", problems);
    emailList(variables, STAKEHOLDER_EMAILS, problems);
    healthCheckUrl(variables, problems);
    url(variables, PIPELINE_RUN_URL, "Pipeline run", problems);
    pattern(
        variables,
        COMMIT_SHA,
        COMMIT,
        "Commit '%s' is not a commit SHA (7 to 64 hex digits).",
        problems);
    pattern(
        variables,
        ARTIFACT_DIGEST,
        DIGEST,
        "Artifact digest '%s' is not a digest such as sha256:<64 hex digits> or"
            + " sha512:<128 hex digits>.",
        problems);
    lengths(
        variables,
        problems,
        PROJECT_NAME,
        APPLICATION_NAME,
        VERSION,
        CHANGE_DESCRIPTION,
        ROLLBACK_PLAN,
        ON_CALL_NAME,
        ON_CALL_EMAIL,
        ON_CALL_PHONE,
        REALTIME_CHANNEL,
        STAKEHOLDER_EMAILS,
        HEALTH_CHECK_URL,
        PIPELINE_RUN_URL,
        AMENDMENT_NOTES,
        WITHDRAWAL_REASON);
  }

  /** Adds a problem when the variable is empty. */
  public void required(
      ProcessVariables variables, Variable<String> variable, String label, Problems problems) {
    if (variables.get(variable) == null) {
      problems.add(label + " is required.");
    }
  }

  /**
   * Checks that a window has a start and an end that read as date-times, that it ends after it
   * starts and does not start in the past. Where they read, stores the text in the canonical form
   * the form's date-time fields show and the instants as dates, which every later step reads: the
   * window is parsed here and nowhere else.
   */
  public void window(
      ProcessVariables variables, WindowVariables window, String what, Problems problems) {
    Instant start =
        instant(
            variables, window.startText(), window.start(), "The start of the " + what, problems);
    Instant end =
        instant(variables, window.endText(), window.end(), "The end of the " + what, problems);
    if (start == null || end == null) {
      return;
    }
    if (!end.isAfter(start)) {
      problems.add(
          "The %s must end after it starts (start %s, end %s)."
              .formatted(
                  what,
                  Readable.dateTime(start, properties.timeZone()),
                  Readable.dateTime(end, properties.timeZone())));
    }
    if (start.isBefore(clock.instant().minus(PAST_GRACE))) {
      problems.add(
          "The %s starts in the past (%s); choose a start from now on."
              .formatted(what, Readable.dateTime(start, properties.timeZone())));
    }
    if (end.isAfter(start)) {
      for (WindowRule rule : windowRules) {
        rule.check(variables, window, start, end, what, problems);
      }
    }
  }

  private Instant instant(
      ProcessVariables variables,
      Variable<String> text,
      Variable<Date> date,
      String label,
      Problems problems) {
    String value = variables.get(text);
    if (value == null) {
      return null;
    }
    try {
      Instant instant = WindowTime.parse(value, properties.timeZone());
      variables.set(text, WindowTime.store(instant));
      variables.set(date, Date.from(WindowTime.stored(instant)));
      return instant;
    } catch (IllegalArgumentException e) {
      problems.add(label + ": " + e.getMessage() + ".");
      return null;
    }
  }

  private static void pattern(
      ProcessVariables variables,
      Variable<String> variable,
      Pattern pattern,
      String problem,
      Problems problems) {
    String value = variables.get(variable);
    if (value != null && !pattern.matcher(value).matches()) {
      problems.add(problem.formatted(value.length() > 200 ? value.substring(0, 200) + "…" : value));
    }
  }

  public void email(
      ProcessVariables variables, Variable<String> variable, String label, Problems problems) {
    String value = variables.get(variable);
    if (value != null && !isEmail(value)) {
      problems.add("%s '%s' is not a valid email address.".formatted(label, value));
    }
  }

  public void emailList(ProcessVariables variables, Variable<String> variable, Problems problems) {
    String value = variables.get(variable);
    if (value == null) {
      return;
    }
    List<String> invalid =
        splitEmails(value).stream().filter(address -> !isEmail(address)).toList();
    if (!invalid.isEmpty()) {
      problems.add(
          "Stakeholder emails must be email addresses separated by commas; not valid: "
              + String.join(", ", invalid)
              + ".");
    } else if (!EMAIL_LIST.matcher(value).matches()) {
      problems.add("Stakeholder emails must be email addresses separated by commas.");
    }
  }

  public void url(
      ProcessVariables variables, Variable<String> variable, String label, Problems problems) {
    String value = variables.get(variable);
    if (value == null) {
      return;
    }
    if (!URL.matcher(value).matches()) {
      problems.add(
          "%s '%s' must be an address that starts with http:// or https:// and has no spaces."
              .formatted(label, value));
    }
  }

  /**
   * The health-check URL is an address (as {@link #url}) whose host the server may call ({@link
   * AllowedHosts}): the server fetches it, so a host outside the list is refused here, before the
   * request exists, and named with the setting that allows hosts.
   */
  void healthCheckUrl(ProcessVariables variables, Problems problems) {
    Optional<String> refusal =
        AllowedHosts.httpUrl(variables.get(HEALTH_CHECK_URL)).flatMap(allowedHosts::refusal);
    if (refusal.isPresent()) {
      problems.add("Health-check URL: " + refusal.get() + ".");
    } else {
      url(variables, HEALTH_CHECK_URL, "Health-check URL", problems);
    }
  }

  @SafeVarargs
  public final void lengths(
      ProcessVariables variables, Problems problems, Variable<String>... texts) {
    for (Variable<String> text : texts) {
      String value = variables.get(text);
      if (value != null && value.length() > MAX_TEXT_LENGTH) {
        problems.add(
            "%s is too long (%d characters, at most %d)."
                .formatted(text.name(), value.length(), MAX_TEXT_LENGTH));
      }
    }
  }

  public static boolean isEmail(String value) {
    return value != null && value.length() <= 254 && EMAIL.matcher(value).matches();
  }

  /** Splits a comma- or semicolon-separated list of addresses, dropping blanks. */
  public static List<String> splitEmails(String value) {
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split("[,;\\s]+"))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
