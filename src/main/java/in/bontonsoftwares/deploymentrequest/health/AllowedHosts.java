package in.bontonsoftwares.deploymentrequest.health;

import in.bontonsoftwares.deploymentrequest.config.HealthProperties;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The hosts that a request's health-check URL may name ({@code
 * deployment-request.health.allowed-hosts}). The server itself calls that URL, so without this list
 * a requester could make it call any host it reaches, the database or its own management port
 * included. An entry is a host name ({@code status.example.com}), {@code *.} and a domain for any
 * host below that domain (not the domain itself), or an IP address (IPv6 in brackets), each
 * optionally with {@code :port} (without it: any port). Host names compare case-insensitively in
 * their ASCII (punycode) form. An IP address is allowed only when it is listed as written, never by
 * a name or a wildcard; a URL with a user name or password, or a host ending in a dot, never. Asked
 * when a request is submitted or amended, and again before its URL is measured.
 */
@Component
public class AllowedHosts {

  static final String PROPERTY = "deployment-request.health.allowed-hosts";

  private static final Pattern NAME =
      Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]*:[0-9a-f:.]*]");
  private static final Pattern NUMBER = Pattern.compile("[0-9]+|0x[0-9a-f]*");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

  /** One entry: a host, or a domain whose subdomains are allowed; {@code port} -1 for any. */
  private record Entry(String host, boolean subdomains, int port) {

    boolean allows(String host, boolean address, int port) {
      if (this.port != -1 && this.port != port) {
        return false;
      }
      return subdomains ? !address && host.endsWith("." + this.host) : host.equals(this.host);
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private final List<String> shown = new ArrayList<>();

  @Autowired
  AllowedHosts(HealthProperties properties) {
    this(properties.allowedHosts());
  }

  private AllowedHosts(List<String> patterns) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      String pattern = patterns.get(i) == null ? "" : patterns.get(i).strip();
      Entry entry = entry(pattern);
      if (entry == null) {
        problems.add(
            PROPERTY
                + "["
                + i
                + "]: '"
                + pattern
                + "' is not a host name, *.domain or IP address (IPv6 in brackets),"
                + " optionally with :port");
      } else {
        entries.add(entry);
        shown.add(pattern);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "Invalid health checks in the configuration: " + String.join("; ", problems));
    }
  }

  /** The hosts of {@code patterns}, as {@code allowed-hosts} lists them. */
  public static AllowedHosts of(List<String> patterns) {
    return new AllowedHosts(patterns);
  }

  /** {@code text} as an absolute http or https URL with a host; empty when it is none. */
  public static Optional<URI> httpUrl(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      URI url = new URI(text.strip());
      boolean http =
          "http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
      return http && url.getHost() != null ? Optional.of(url) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /**
   * Why a health check may not call {@code url} (an http or https URL with a host), in words for
   * the requester; empty when it may.
   */
  public Optional<String> refusal(URI url) {
    String host = url.getHost();
    if (host == null) {
      return Optional.of("the URL names no host");
    }
    if (url.getRawUserInfo() != null) {
      // the user info is not repeated: it may be a password
      return Optional.of("a user name or password before the host (…@" + host + ") is not allowed");
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      return Optional.of("host " + host + " ends in a dot; write it without the dot");
    }
    boolean address = host.startsWith("[") || endsInNumber(host);
    if (!address) {
      try {
        host = IDN.toASCII(host).toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        return Optional.of("host " + host + " is not a host name");
      }
    }
    int port = url.getPort() != -1 ? url.getPort() : defaultPort(url);
    for (Entry entry : entries) {
      if (entry.allows(host, address, port)) {
        return Optional.empty();
      }
    }
    String named = url.getPort() == -1 ? host : host + ":" + url.getPort();
    String list =
        shown.isEmpty()
            ? " lists none)"
            : "): " + String.join(", ", shown) + (address ? "; an IP address only as listed" : "");
    return Optional.of(
        "host " + named + " is not among the hosts health checks may call (" + PROPERTY + list);
  }

  private static int defaultPort(URI url) {
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  /** The entry {@code pattern} stands for; null when it is none. */
  private static Entry entry(String pattern) {
    String text = pattern.toLowerCase(Locale.ROOT);
    String host = text;
    int port = -1;
    int colon = text.lastIndexOf(':');
    if (colon > text.lastIndexOf(']')) {
      if (!text.startsWith("[") && text.indexOf(':') != colon) {
        return null; // an IPv6 address without brackets
      }
      host = text.substring(0, colon);
      String digits = text.substring(colon + 1);
      if (!PORT.matcher(digits).matches()) {
        return null;
      }
      port = Integer.parseInt(digits);
      if (port < 1 || port > 65_535) {
        return null;
      }
    }
    boolean subdomains = host.startsWith("*.");
    if (subdomains) {
      host = host.substring(2);
    }
    if (host.startsWith("[")) {
      return !subdomains && IPV6.matcher(host).matches() ? new Entry(host, false, port) : null;
    }
    try {
      host = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (endsInNumber(host)) {
      // an address is written a.b.c.d: 127.1 or 0x7f.1 would reach what no one listed
      return !subdomains && IPV4.matcher(host).matches() ? new Entry(host, false, port) : null;
    }
    return NAME.matcher(host).matches() ? new Entry(host, subdomains, port) : null;
  }

  /**
   * Whether a host reads as an IPv4 address, as the URL standard decides it: its last label is a
   * number ({@code 10.0.0.7}, {@code 2130706433}, {@code 0x7f.1}). A top-level domain never is.
   */
  private static boolean endsInNumber(String host) {
    return NUMBER.matcher(host.substring(host.lastIndexOf('.') + 1)).matches();
  }
}
