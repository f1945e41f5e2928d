package org.redciudades.events.registration;

/** What may happen to a registration once it exists. */
public enum RegistrationAction {
    /** A freed seat goes to it, the oldest waiting. */
    PROMOTE,
    APPROVE,
    REJECT,
    CANCEL,
    CHECK_IN
}
