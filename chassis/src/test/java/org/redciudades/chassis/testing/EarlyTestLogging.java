package org.redciudades.chassis.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;
import org.slf4j.Logger;

/**
 * Logging in a test JVM before Spring Boot configures it: the embedded Kafka broker starts with the test plan,
 * before any context, and logback's own default would print it at DEBUG. Plain text at INFO, the broker at
 * WARN, as {@code config/application.properties} of this test-jar keeps it once Boot takes over. Found by
 * logback through {@code META-INF/services}; a file named {@code logback-test.xml} would also replace Boot's
 * configuration, and with it the JSON logs that some tests prove.
 */
public class EarlyTestLogging extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        for (String broker : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            context.getLogger(broker).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
