package in.bontonsoftwares.deploymentrequest.calendar;

import static in.bontonsoftwares.deploymentrequest.schedule.ICalendarText.text;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.request.Environment;
import in.bontonsoftwares.deploymentrequest.schedule.ICalendarText;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Name;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.Version;
import net.fortuna.ical4j.model.property.XProperty;
import org.springframework.stereotype.Component;

/**
 * The change calendar as an iCalendar feed (RFC 5545, {@code METHOD:PUBLISH}) for Outlook, Google
 * Calendar and others to subscribe to: one {@code VEVENT} per entry, its {@code UID} made from the
 * entry's stable id, so that a subscriber updates an event when a window moves or a deployment
 * finishes instead of adding another; times in UTC.
 */
@Component
class CalendarFeed {

  private static final String PRODUCT_ID =
      "-//Bonton Softwares//Deployment Request Process Change Calendar//EN";

  /** How often subscribers should fetch again (Outlook reads the X- one, others RFC 7986's). */
  static final Duration REFRESH = Duration.ofHours(1);

  private final DeploymentRequestProperties properties;

  CalendarFeed(DeploymentRequestProperties properties) {
    this.properties = properties;
  }

  String write(List<CalendarEntry> entries, String environment) {
    String name =
        "Deployments" + (environment == null ? "" : " - " + Environment.labelOf(environment));
    Calendar calendar = new Calendar();
    calendar.add(new ProdId(PRODUCT_ID));
    calendar.add(new Version(new ParameterList(), Version.VALUE_2_0));
    calendar.add(new CalScale(CalScale.VALUE_GREGORIAN));
    calendar.add(new Method(Method.VALUE_PUBLISH));
    calendar.add(new Name(name));
    calendar.add(new XProperty("X-WR-CALNAME", name));
    calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), REFRESH));
    calendar.add(new XProperty("X-PUBLISHED-TTL", REFRESH.toString()));
    entries.forEach(entry -> calendar.add(event(entry)));
    return ICalendarText.write(calendar);
  }

  private VEvent event(CalendarEntry entry) {
    VEvent event = new VEvent(false);
    event.add(new Uid(entry.id() + "@" + properties.senderDomain()));
    event.add(new DtStamp(entry.updatedAt()));
    event.add(new LastModified(entry.updatedAt()));
    event.add(new DtStart<>(entry.start()));
    event.add(new DtEnd<>(entry.end()));
    event.add(new Summary(text(summary(entry))));
    if (entry.description() != null) {
      event.add(new Description(text(entry.description())));
    }
    if (entry.link() != null) {
      event.add(new Url(URI.create(properties.baseUrl() + entry.link())));
    }
    event.add(new Categories(text(category(entry.kind()))));
    event.add(new Status(status(entry.kind())));
    // a window blocks its environment, not the subscriber's own time
    event.add(new Transp(Transp.VALUE_TRANSPARENT));
    return event;
  }

  /** The title with what became of it, since not every calendar shows STATUS. */
  private static String summary(CalendarEntry entry) {
    return switch (entry.kind()) {
      case DEPLOYMENT_SCHEDULED, FREEZE -> entry.title();
      default -> entry.title() + " [" + entry.status() + "]";
    };
  }

  /**
   * A deployment's confirmed window is {@code CONFIRMED} whether it is still ahead, running or
   * over; one that will not be used {@code CANCELLED}.
   */
  static String status(CalendarEntry.Kind kind) {
    return kind == CalendarEntry.Kind.DEPLOYMENT_CANCELLED
        ? Status.VALUE_CANCELLED
        : Status.VALUE_CONFIRMED;
  }

  private static String category(CalendarEntry.Kind kind) {
    return kind == CalendarEntry.Kind.FREEZE ? "Freeze" : "Deployment";
  }
}
