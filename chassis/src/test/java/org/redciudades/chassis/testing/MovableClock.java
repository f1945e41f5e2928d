package org.redciudades.chassis.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test sets or moves forward by hand, in UTC; its {@link #withZone} views share its instant. */
public final class MovableClock extends Clock {

    private final MovableClock source;
    private final ZoneId zone;
    private volatile Instant now;

    public MovableClock(Instant start) {
        this.source = this;
        this.zone = ZoneOffset.UTC;
        this.now = start;
    }

    private MovableClock(MovableClock source, ZoneId zone) {
        this.source = source;
        this.zone = zone;
    }

    public void set(Instant instant) {
        source.now = instant;
    }

    public void advance(Duration by) {
        source.now = source.now.plus(by);
    }

    @Override
    public Instant instant() {
        return source.now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new MovableClock(source, other);
    }
}
