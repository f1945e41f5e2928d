package org.redciudades.chassis.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The service under test on a random port against Kafka and PostgreSQL in containers ({@link ServiceContainers}),
 * trusting the test JVM's identity provider ({@link TestTokens}); skipped where no container engine answers
 * ({@link RequiresContainerEngine}). A class may add its own {@code @ContextConfiguration} and {@code @Import}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RequiresContainerEngine
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ServiceContainers.class, ServiceOnContainersTest.TestIssuer.class})
public @interface ServiceOnContainersTest {

    /** Makes the service trust the test JVM's identity provider, as {@link RealInfrastructure} does. */
    @TestConfiguration(proxyBeanMethods = false)
    class TestIssuer {

        @Bean
        DynamicPropertyRegistrar testIssuer() {
            return registry -> TestTokens.properties().forEach(setting -> {
                String[] nameAndValue = setting.split("=", 2);
                registry.add(nameAndValue[0], () -> nameAndValue[1]);
            });
        }
    }
}
