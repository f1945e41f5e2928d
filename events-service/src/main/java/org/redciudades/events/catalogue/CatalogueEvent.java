package org.redciudades.events.catalogue;

import java.time.Instant;
import java.util.UUID;
import org.redciudades.chassis.envelope.EventType;

/**
 * Facts about an event's life once it is announced, published on {@link #TOPIC} keyed by event id, so
 * one event's history (these and its registrations') stays in order. A draft publishes nothing.
 * Schemas: {@code contracts/schemas/<type>.schema.json}.
 */
public sealed interface CatalogueEvent {

    /** The one topic for an event's history: its lifecycle and its registrations. */
    String TOPIC = "events.event";

    UUID eventId();

    /** Text in es-MX, and optionally in English. */
    record Title(String es, String en) {
    }

    /**
     * When the event happens. {@code revision} starts at 0 and grows by one with each reschedule, so a
     * calendar invitation can use it as its SEQUENCE.
     */
    record Schedule(Instant startsAt, Instant endsAt, String timeZone, int revision) {
    }

    /** What anyone may know about an announced event: never its online link. */
    record Details(EventKind type, Title title, Title description, String modality, CatalogueEntry.Venue venue,
                   Schedule schedule, int capacity, boolean waitlistEnabled, String audience,
                   Instant registrationOpensAt, Instant registrationClosesAt) {
    }

    @EventType("org.redciudades.events.event.announced.v1")
    record EventAnnounced(UUID eventId, Details event, Instant announcedAt) implements CatalogueEvent {
    }

    /** Titles, descriptions, venue, link or registration window changed; times and capacity have their own facts. */
    @EventType("org.redciudades.events.event.updated.v1")
    record EventUpdated(UUID eventId, Details event, Instant updatedAt) implements CatalogueEvent {
    }

    @EventType("org.redciudades.events.event.rescheduled.v1")
    record EventRescheduled(UUID eventId, Title title, Schedule previous, Schedule schedule, Instant rescheduledAt)
            implements CatalogueEvent {
    }

    @EventType("org.redciudades.events.event.cancelled.v1")
    record EventCancelled(UUID eventId, Title title, Schedule schedule, String reason, Instant cancelledAt)
            implements CatalogueEvent {
    }

    /** Nobody new may register: the window ended (by default, at the start), or an organizer closed it early. */
    @EventType("org.redciudades.events.event.registration-closed.v1")
    record EventRegistrationClosed(UUID eventId, Title title, Schedule schedule, Instant closedAt)
            implements CatalogueEvent {
    }

    /** The event took place: it ended, or an organizer marked it as held once it had started. */
    @EventType("org.redciudades.events.event.completed.v1")
    record EventCompleted(UUID eventId, Title title, Schedule schedule, Instant completedAt) implements CatalogueEvent {
    }

    @EventType("org.redciudades.events.event.capacity-changed.v1")
    record EventCapacityChanged(UUID eventId, int previousCapacity, int capacity, Instant changedAt)
            implements CatalogueEvent {
    }
}
