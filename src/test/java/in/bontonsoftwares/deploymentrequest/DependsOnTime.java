package in.bontonsoftwares.deploymentrequest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Tests whose outcome could depend on the date, the time of day, the machine's time zone or locale:
 * the Maven profile {@code time-settings} runs them again under other zones, locales and {@link
 * TestClock} moments.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(DependsOnTime.TAG)
public @interface DependsOnTime {

  String TAG = "time";
}
