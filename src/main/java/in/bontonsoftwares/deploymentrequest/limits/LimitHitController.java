package in.bontonsoftwares.deploymentrequest.limits;

import in.bontonsoftwares.deploymentrequest.database.Page;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who hit a limit, for DevSecOps and admins: {@code GET /api/limits/hits[?limit=&subject=]} page by
 * page ({@code firstResult}, {@code maxResults}), the latest first, and its {@code /count}.
 */
@RestController
@RequestMapping("/api/limits/hits")
class LimitHitController {

  private final LimitHits hits;

  LimitHitController(LimitHits hits) {
    this.hits = hits;
  }

  /**
   * {@code limit}: {@code failed-sign-ins}, {@code starts} or {@code open-requests}; {@code
   * subject}: a user id, or a client address for sign-ins.
   */
  @GetMapping
  List<LimitHit> list(
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String subject,
      @RequestParam(defaultValue = "0") int firstResult,
      @RequestParam(defaultValue = Page.DEFAULT_SIZE) int maxResults) {
    return hits.find(limit, subject, new Page(firstResult, maxResults));
  }

  @GetMapping("/count")
  Map<String, Long> count(
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String subject) {
    return Map.of("count", hits.count(limit, subject));
  }
}
