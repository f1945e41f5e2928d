package org.redciudades.events.registration;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.redciudades.chassis.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering, cancelling and changing capacity, each in one transaction with its seat accounting.
 * Exactly capacity people are confirmed, never one more, and never fewer while someone waits.
 */
@Service
public class Registrations {

    public record NewRegistration(String email, String name, String locale, UUID memberId) {
    }

    private final SeatLedger seats;
    private final JdbcClient jdbc;
    private final Clock clock;

    Registrations(SeatLedger seats, JdbcClient jdbc, Clock clock) {
        this.seats = seats;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Idempotent per (event, email): a repeat returns the existing registration unchanged. */
    @Transactional
    public Registration register(UUID eventId, NewRegistration person) {
        String email = person.email().strip().toLowerCase(Locale.ROOT);
        EventState event = event(eventId);
        if (!"ANNOUNCED".equals(event.status())) {
            throw new ProblemException(HttpStatus.CONFLICT, "registration-closed", eventId).with("eventStatus", event.status());
        }
        Instant now = clock.instant();
        var inserted = seats.insertIfNew(eventId, email, person.name().strip(), person.locale(), person.memberId(), now);
        if (inserted.isEmpty()) {
            return seats.findByEmail(eventId, email).orElseThrow();
        }
        if (seats.takeSeat(eventId)) {
            seats.setStatus(inserted.get(), RegistrationStatus.CONFIRMED, now);
        } else if (!event.waitlistEnabled()) {
            throw new ProblemException(HttpStatus.CONFLICT, "event-full", eventId);
        }
        return seats.find(inserted.get(), false).orElseThrow();
    }

    /**
     * Cancels a registration; a freed seat goes to the oldest waiting registration in the same
     * transaction. Returns the registrations promoted. Cancelling twice changes nothing.
     */
    @Transactional
    public List<UUID> cancel(UUID registrationId) {
        Registration registration = seats.find(registrationId, true)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "registration-not-found", registrationId));
        if (registration.status() == RegistrationStatus.CANCELLED) {
            return List.of();
        }
        Instant now = clock.instant();
        seats.setStatus(registrationId, RegistrationStatus.CANCELLED, now);
        if (registration.status() != RegistrationStatus.CONFIRMED) {
            return List.of();
        }
        seats.releaseSeat(registration.eventId());
        return seats.promoteWaiting(registration.eventId(), seats.freeSeatsLocked(registration.eventId()), now);
    }

    /** A larger capacity promotes waiting people at once; a smaller one never cancels the confirmed. */
    @Transactional
    public List<UUID> changeCapacity(UUID eventId, int capacity) {
        if (capacity < 0) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "validation").with("errors",
                    List.of(java.util.Map.of("field", "capacity", "reason", "must be zero or more")));
        }
        event(eventId);
        jdbc.sql("update event set capacity = :capacity where id = :id").param("capacity", capacity).param("id", eventId).update();
        return seats.promoteWaiting(eventId, seats.freeSeatsLocked(eventId), clock.instant());
    }

    private record EventState(String status, boolean waitlistEnabled) {
    }

    private EventState event(UUID eventId) {
        return jdbc.sql("select status, waitlist_enabled from event where id = :id").param("id", eventId)
                .query((rs, n) -> new EventState(rs.getString("status"), rs.getBoolean("waitlist_enabled")))
                .optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "event-not-found", eventId));
    }
}
