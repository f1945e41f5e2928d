package org.redciudades.events.catalogue;

/**
 * DRAFT → ANNOUNCED → REGISTRATION_CLOSED → COMPLETED, or CANCELLED. What each allows, and who sees it,
 * is in {@link EventLifecycle}.
 */
public enum EventStatus {
    DRAFT,
    ANNOUNCED,
    REGISTRATION_CLOSED,
    COMPLETED,
    CANCELLED
}
