package in.bontonsoftwares.deploymentrequest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole app on a random port, as the demo runs it (profiles {@code demo} and {@code test}: an
 * in-memory database, the embedded SMTP server on a free port, jobs run by the test unless the
 * properties turn the job executor on), for tests over HTTP: REST, Tasklist, security.
 *
 * <p>Camunda's REST API finds "the default engine" in a JVM-wide registry, so only one web test
 * context may live at a time: each is closed after its class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface WebAppTest {

  /**
   * Properties of this test's context ({@code key=value}), as {@link SpringBootTest#properties}.
   */
  @AliasFor(annotation = SpringBootTest.class)
  String[] properties() default {};
}
