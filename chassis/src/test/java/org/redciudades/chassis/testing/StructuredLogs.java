package org.redciudades.chassis.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * A test that reads the service's JSON (ECS) log lines, as production writes them, from a
 * {@link org.springframework.boot.test.system.CapturedOutput}. Tests log plain text otherwise
 * ({@code config/application.properties} of this test-jar).
 *
 * <p>Spring Boot configures logging once per JVM, for the first context that starts, and leaves it alone for
 * the contexts after it while that one is cached. So before this test's own context starts, the logging
 * system is marked uninitialized, and the context configures it again with JSON on the console; after the
 * test, the next context to start configures it again as the rest of the tests want it. Contexts already
 * cached log in whichever format was configured last, which changes nothing but how their lines look.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(properties = "logging.structured.format.console=ecs")
@ExtendWith({StructuredLogs.ConfiguredAgain.class, OutputCaptureExtension.class})
public @interface StructuredLogs {

    class ConfiguredAgain implements BeforeAllCallback, AfterAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            LoggingSystem.get(context.getRequiredTestClass().getClassLoader()).cleanUp();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            LoggingSystem.get(context.getRequiredTestClass().getClassLoader()).cleanUp();
        }
    }
}
