package org.redciudades.events.registration;

/**
 * CONFIRMED and PENDING_APPROVAL hold a seat; WAITLISTED waits for one; CANCELLED and REJECTED are final.
 */
public enum RegistrationStatus {
    CONFIRMED,
    PENDING_APPROVAL,
    WAITLISTED,
    REJECTED,
    CANCELLED;

    public boolean holdsSeat() {
        return this == CONFIRMED || this == PENDING_APPROVAL;
    }

    public boolean isFinal() {
        return this == CANCELLED || this == REJECTED;
    }
}
