package org.redciudades.events.registration;

import java.time.Instant;
import java.util.UUID;

/** A person's place at an event. {@code position} is the arrival order that the waiting list follows. */
public record Registration(UUID id, UUID eventId, String email, String name, String locale, UUID memberId,
                           RegistrationStatus status, long position, Instant createdAt) {
}
