package org.redciudades.events.registration;

/** Where a registration stands; what each allows, and what it means for a seat, is in {@link RegistrationLifecycle}. */
public enum RegistrationStatus {
    CONFIRMED,
    PENDING_APPROVAL,
    WAITLISTED,
    REJECTED,
    CANCELLED,
    /** Confirmed, and checked in at the event. */
    ATTENDED
}
