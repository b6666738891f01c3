package in.bontonsoftwares.deploymentrequest.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One clock for the engine and the app's own code. The engine dates timers, due dates and history
 * with Camunda's {@code ClockUtil}; the app reads the same time, so that the window the validator
 * accepts is the window the timer waits for, and a test that sets the engine's clock sets the app's
 * with it.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

  @Bean
  Clock clock() {
    return new EngineClock(ZoneOffset.UTC);
  }

  /** The engine's current time, in a zone of the caller's choice. */
  static final class EngineClock extends Clock {

    private final ZoneId zone;

    EngineClock(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new EngineClock(zone);
    }

    @Override
    public Instant instant() {
      return ClockUtil.now().toInstant();
    }

    @Override
    public long millis() {
      return ClockUtil.now().getTime();
    }
  }
}
