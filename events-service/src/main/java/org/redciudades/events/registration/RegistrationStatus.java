package org.redciudades.events.registration;

public enum RegistrationStatus {
    CONFIRMED,
    WAITLISTED,
    CANCELLED
}
