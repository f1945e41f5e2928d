package org.redciudades.events.catalogue;

import java.time.Duration;
import org.redciudades.chassis.support.PollingWorker;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What time does to events: registration closes when its window ends (by default, at the start), and
 * the event completes when it ends, each published as a fact. Every instance runs it; each step is
 * taken under the event's row lock, which the others skip, and checked again there, so it happens,
 * and is published, once (see {@link Catalogue#advanceNextDue}).
 */
@Component
class EventTimeline extends PollingWorker {

    private final Catalogue catalogue;

    EventTimeline(Catalogue catalogue, @Value("${events.timeline.poll-interval:1s}") Duration interval) {
        super("event-timeline", interval);
        this.catalogue = catalogue;
    }

    @Override
    protected void pass() {
        while (isRunning() && catalogue.advanceNextDue()) {
            // one event per transaction, until none is due
        }
    }
}
