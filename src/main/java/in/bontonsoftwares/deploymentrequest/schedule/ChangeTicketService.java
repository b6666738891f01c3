package in.bontonsoftwares.deploymentrequest.schedule;

import in.bontonsoftwares.deploymentrequest.config.DeploymentRequestProperties;
import in.bontonsoftwares.deploymentrequest.numbering.NumberGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens and finds change tickets ({@code CHG-<year>-<seq>}); one ticket per request, however often it is asked. */
@Service
public class ChangeTicketService {

  static final String NUMBER_PREFIX = "CHG";

  private final ChangeTicketRepository repository;
  private final NumberGenerator numbers;
  private final DeploymentRequestProperties properties;
  private final Clock clock;

  ChangeTicketService(ChangeTicketRepository repository, NumberGenerator numbers,
      DeploymentRequestProperties properties, Clock clock) {
    this.repository = repository;
    this.numbers = numbers;
    this.properties = properties;
    this.clock = clock;
  }

  /** The request's ticket: the existing one when the job runs again, a new one in status SCHEDULED otherwise. */
  @Transactional
  public ChangeTicket open(NewTicket request) {
    Optional<ChangeTicket> existing = repository.findByRequestNumber(request.requestNumber());
    if (existing.isPresent()) {
      return existing.get();
    }
    Instant now = clock.instant();
    ChangeTicket ticket = new ChangeTicket(numbers.next(NUMBER_PREFIX, properties.timeZone()),
        request.requestNumber(), request.processInstanceId(), request.projectName(), request.applicationName(),
        request.version(), request.environment(), request.windowStart(), request.windowEnd(), request.rollbackPlan(),
        ChangeTicket.Status.SCHEDULED, request.createdBy(), now, now);
    repository.insert(ticket);
    return ticket;
  }

  public Optional<ChangeTicket> find(String ticketNumber) {
    return repository.findByTicketNumber(ticketNumber);
  }

  public List<ChangeTicket> find(String projectName, String environment, ChangeTicket.Status status) {
    return repository.find(projectName, environment, status);
  }

  /** What a ticket is opened from. */
  public record NewTicket(String requestNumber, String processInstanceId, String projectName, String applicationName,
      String version, String environment, Instant windowStart, Instant windowEnd, String rollbackPlan,
      String createdBy) {}
}
