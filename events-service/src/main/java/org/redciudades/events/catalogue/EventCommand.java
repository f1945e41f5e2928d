package org.redciudades.events.catalogue;

import java.time.Instant;

/** A step of an event's own, with what it needs; {@link EventLifecycle#decide} says where it leads. */
public sealed interface EventCommand {

    EventAction action();

    record Describe(Catalogue.Description description) implements EventCommand {
        public EventAction action() {
            return EventAction.DESCRIBE;
        }
    }

    record Reschedule(Instant startsAt, Instant endsAt, String timeZone) implements EventCommand {
        public EventAction action() {
            return EventAction.RESCHEDULE;
        }
    }

    record ChangeCapacity(int capacity) implements EventCommand {
        public EventAction action() {
            return EventAction.CHANGE_CAPACITY;
        }
    }

    record Announce() implements EventCommand {
        public EventAction action() {
            return EventAction.ANNOUNCE;
        }
    }

    record CloseRegistration() implements EventCommand {
        public EventAction action() {
            return EventAction.CLOSE_REGISTRATION;
        }
    }

    record Complete() implements EventCommand {
        public EventAction action() {
            return EventAction.COMPLETE;
        }
    }

    record Cancel(String reason) implements EventCommand {
        public EventAction action() {
            return EventAction.CANCEL;
        }
    }
}
