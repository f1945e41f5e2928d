package org.redciudades.chassis.envelope;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The wire name of an event record, for example {@code org.redciudades.membership.member.activated.v1}.
 * It is stable and versioned, and never derived from the Java class name, so classes can be renamed
 * freely. Its JSON Schema lives in {@code contracts/schemas/<value>.schema.json}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    String value();
}
