package org.redciudades.events.registration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/**
 * A person's place at an event. {@code position} is the arrival order that the waiting list follows;
 * {@code registeredBy} is the token subject of whoever registered, who may later cancel it themselves;
 * {@code guest} marks a registration made without an account, which has no {@code registeredBy} and is
 * reached through its manage link ({@link GuestLinks}).
 */
public record Registration(UUID id, UUID eventId, String email, String name, String locale, UUID memberId,
                           RegistrationStatus status, long position, Instant createdAt, Instant attendedAt,
                           @JsonIgnore String registeredBy, @JsonIgnore boolean guest) {
}
