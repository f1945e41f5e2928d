package org.redciudades.events.registration;

import java.time.Instant;
import java.util.UUID;
import org.redciudades.chassis.envelope.EventType;

/**
 * Facts about registrations, published on {@link #TOPIC} keyed by event id, so one event's history
 * stays in order. Each carries what a notification needs: the attendee's locale, and the event's
 * title, times and time zone. Schemas: {@code contracts/schemas/<type>.schema.json}.
 */
public sealed interface RegistrationEvent {

    String TOPIC = "events.event";

    UUID eventId();

    record Attendee(String name, String email, String locale, UUID memberId) {
    }

    record Title(String es, String en) {
    }

    record EventSummary(Title title, Instant startsAt, Instant endsAt, String timeZone) {
    }

    @EventType("org.redciudades.events.registration.confirmed.v1")
    record RegistrationConfirmed(UUID registrationId, UUID eventId, Attendee attendee, EventSummary event,
                                 Instant confirmedAt) implements RegistrationEvent {
    }

    @EventType("org.redciudades.events.registration.waitlisted.v1")
    record RegistrationWaitlisted(UUID registrationId, UUID eventId, Attendee attendee, EventSummary event,
                                  Instant waitlistedAt) implements RegistrationEvent {
    }

    /** A waiting registration got a freed seat and is now confirmed. */
    @EventType("org.redciudades.events.registration.promoted.v1")
    record RegistrationPromoted(UUID registrationId, UUID eventId, Attendee attendee, EventSummary event,
                                Instant promotedAt) implements RegistrationEvent {
    }

    @EventType("org.redciudades.events.registration.cancelled.v1")
    record RegistrationCancelled(UUID registrationId, UUID eventId, Attendee attendee, EventSummary event,
                                 Instant cancelledAt, RegistrationStatus previousStatus) implements RegistrationEvent {
    }
}
