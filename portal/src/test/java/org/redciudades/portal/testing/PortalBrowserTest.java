package org.redciudades.portal.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A class of browser journeys: the portal in this JVM on the {@link PortalStack}'s port, calling the stack's services.
 * Every journey class has exactly this configuration, so they share one portal.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = PortalStack.Properties.class)
@Import(PortalTestConfiguration.class)
public @interface PortalBrowserTest {
}
