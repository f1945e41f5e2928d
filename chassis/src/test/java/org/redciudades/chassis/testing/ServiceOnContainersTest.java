package org.redciudades.chassis.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The service under test on a random port against Kafka and PostgreSQL in containers ({@link ServiceContainers}),
 * trusting the test JVM's identity provider ({@link TestTokens}); skipped where no container engine answers
 * ({@link RequiresContainerEngine}). A class may {@code @Import} more; a {@code @ContextConfiguration} of its own
 * would replace this one's.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RequiresContainerEngine
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ServiceOnContainersTest.TestIssuer.class)
@Import(ServiceContainers.class)
public @interface ServiceOnContainersTest {

    /**
     * Makes the service trust the test JVM's identity provider, as {@link RealInfrastructure} does. An initializer,
     * not a dynamic property: whether there is a resource server at all depends on the issuer when the context's
     * configuration is read.
     */
    class TestIssuer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(TestTokens.properties()).applyTo(context);
        }
    }
}
