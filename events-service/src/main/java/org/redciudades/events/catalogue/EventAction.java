package org.redciudades.events.catalogue;

/**
 * What may happen at an event: its own steps, and the steps of its registrations, which the event's
 * status and times allow or refuse as well (see {@link EventLifecycle}).
 */
public enum EventAction {
    DESCRIBE,
    RESCHEDULE,
    CHANGE_CAPACITY,
    ANNOUNCE,
    /** By an organizer, or by time once the registration window has ended. */
    CLOSE_REGISTRATION,
    /** By an organizer once the event has started, or by time once it has ended. */
    COMPLETE,
    CANCEL,
    REGISTER(true),
    /** A freed seat goes to the oldest waiting registration. */
    PROMOTE(true),
    /** An organizer approves or rejects a registration. */
    DECIDE(true),
    /** An organizer's cancellation, or one caused by the institution's withdrawal. */
    CANCEL_REGISTRATION(true),
    /** The attendee's own cancellation, until the cancellation deadline. */
    CANCEL_OWN_REGISTRATION(true),
    CHECK_IN(true);

    private final boolean onRegistration;

    EventAction() {
        this(false);
    }

    EventAction(boolean onRegistration) {
        this.onRegistration = onRegistration;
    }

    /** A step on one of the event's registrations, which leaves the event's own status as it is. */
    public boolean onRegistration() {
        return onRegistration;
    }
}
