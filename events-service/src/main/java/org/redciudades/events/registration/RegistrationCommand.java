package org.redciudades.events.registration;

import org.redciudades.events.catalogue.EventAction;
import org.redciudades.events.registration.RegistrationEvent.CancelledBy;

/** A step on a registration, with what it needs, and the step it is for the event. */
public sealed interface RegistrationCommand {

    RegistrationAction action();

    EventAction eventAction();

    record Promote() implements RegistrationCommand {
        public RegistrationAction action() {
            return RegistrationAction.PROMOTE;
        }

        public EventAction eventAction() {
            return EventAction.PROMOTE;
        }
    }

    record Approve() implements RegistrationCommand {
        public RegistrationAction action() {
            return RegistrationAction.APPROVE;
        }

        public EventAction eventAction() {
            return EventAction.DECIDE;
        }
    }

    record Reject(String reason) implements RegistrationCommand {
        public RegistrationAction action() {
            return RegistrationAction.REJECT;
        }

        public EventAction eventAction() {
            return EventAction.DECIDE;
        }
    }

    /** The attendee may cancel only until the event's cancellation deadline; the others at any time. */
    record Cancel(CancelledBy by) implements RegistrationCommand {
        public RegistrationAction action() {
            return RegistrationAction.CANCEL;
        }

        public EventAction eventAction() {
            return by == CancelledBy.ATTENDEE ? EventAction.CANCEL_OWN_REGISTRATION : EventAction.CANCEL_REGISTRATION;
        }
    }

    record CheckIn() implements RegistrationCommand {
        public RegistrationAction action() {
            return RegistrationAction.CHECK_IN;
        }

        public EventAction eventAction() {
            return EventAction.CHECK_IN;
        }
    }
}
