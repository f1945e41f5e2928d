package org.redciudades.events.catalogue;

/**
 * DRAFT → ANNOUNCED → REGISTRATION_CLOSED → COMPLETED; any but COMPLETED may be CANCELLED. Only a
 * draft is private; the others are listed in the catalogue, though only ANNOUNCED takes registrations.
 */
public enum EventStatus {
    DRAFT,
    ANNOUNCED,
    REGISTRATION_CLOSED,
    COMPLETED,
    CANCELLED;

    /** Still to happen: its details, times and seats may change. */
    public boolean isUpcoming() {
        return this == DRAFT || this == ANNOUNCED || this == REGISTRATION_CLOSED;
    }
}
