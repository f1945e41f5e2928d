package org.redciudades.notification;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextConfiguration;

/**
 * notification-service running on a random port against real PostgreSQL, Kafka and SMTP ({@link TestSmtp},
 * one server per running service), with {@link NotificationScenario} to drive it. Classes with the same
 * {@code properties} share one running service and its mail server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {RealInfrastructure.class, TestSmtp.PerContext.class})
@Import(NotificationScenario.class)
public @interface NotificationServiceTest {

    /** Extra settings; a class that sets any gets a service (and a mail server) of its own. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};
}
