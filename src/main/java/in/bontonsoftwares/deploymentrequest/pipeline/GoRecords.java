package in.bontonsoftwares.deploymentrequest.pipeline;

import in.bontonsoftwares.deploymentrequest.archive.DeploymentRecord.GateGo;
import in.bontonsoftwares.deploymentrequest.archive.GateGoes;
import in.bontonsoftwares.deploymentrequest.database.SqlInstant;
import in.bontonsoftwares.deploymentrequest.schedule.ChangeTicketService;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every GO of the gate, in table {@code gate_go} and as a note on the request's change ticket:
 * when, which user and token, which run, which artifact. A pipeline that asks again for the same
 * run gets GO again without a second entry.
 */
@Service
class GoRecords implements GateGoes {

  private final JdbcTemplate jdbc;
  private final ChangeTicketService tickets;

  GoRecords(JdbcTemplate jdbc, ChangeTicketService tickets) {
    this.jdbc = jdbc;
    this.tickets = tickets;
  }

  /** Records a GO unless this caller already got one for this run of this request. */
  @Transactional
  void record(String requestNumber, GateGo go) {
    boolean known =
        of(requestNumber).stream()
            .anyMatch(
                earlier ->
                    earlier.user().equals(go.user())
                        && Objects.equals(earlier.tokenId(), go.tokenId())
                        && Objects.equals(earlier.runUrl(), go.runUrl())
                        && earlier.version().equals(go.version())
                        && Objects.equals(earlier.digest(), go.digest()));
    if (known) {
      return;
    }
    jdbc.update(
        "insert into gate_go (request_number, decided_at, user_id, token_id, token_name, run_url,"
            + " environment, version, digest) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        requestNumber,
        SqlInstant.of(go.at()),
        go.user(),
        go.tokenId(),
        go.tokenName(),
        go.runUrl(),
        go.environment(),
        go.version(),
        go.digest());
    tickets.note(
        requestNumber,
        go.user(),
        "Gate GO for %s %s%s%s%s"
            .formatted(
                go.environment(),
                go.version(),
                go.digest() == null ? "" : " (" + go.digest() + ")",
                go.tokenName() == null ? "" : ", token '" + go.tokenName() + "'",
                go.runUrl() == null ? "" : ", run " + go.runUrl()));
  }

  @Override
  public List<GateGo> of(String requestNumber) {
    return jdbc.query(
        "select decided_at, user_id, token_id, token_name, run_url, environment, version, digest"
            + " from gate_go where request_number = ? order by decided_at, id",
        (rs, n) ->
            new GateGo(
                SqlInstant.read(rs, "decided_at"),
                rs.getString("user_id"),
                rs.getObject("token_id") == null ? null : rs.getLong("token_id"),
                rs.getString("token_name"),
                rs.getString("run_url"),
                rs.getString("environment"),
                rs.getString("version"),
                rs.getString("digest")),
        requestNumber);
  }
}
