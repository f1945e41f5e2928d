package org.redciudades.events.registration;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.redciudades.chassis.outbox.Outbox;
import org.redciudades.chassis.web.ProblemException;
import org.redciudades.events.eligibility.MemberEligibility;
import org.redciudades.events.registration.RegistrationEvent.Attendee;
import org.redciudades.events.registration.RegistrationEvent.EventSummary;
import org.redciudades.events.registration.RegistrationEvent.RegistrationCancelled;
import org.redciudades.events.registration.RegistrationEvent.RegistrationConfirmed;
import org.redciudades.events.registration.RegistrationEvent.RegistrationPromoted;
import org.redciudades.events.registration.RegistrationEvent.RegistrationWaitlisted;
import org.redciudades.events.registration.RegistrationEvent.Title;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering, cancelling and changing capacity, each in one transaction with its seat accounting and
 * the events it publishes.
 * Exactly capacity people are confirmed, never one more, and never fewer while someone waits.
 */
@Service
public class Registrations {

    public record NewRegistration(String email, String name, String locale, UUID memberId) {
    }

    /** The registration, and whether this call created it (false: a repeat of an earlier one). */
    public record Outcome(Registration registration, boolean created) {
    }

    private final SeatLedger seats;
    private final MemberEligibility eligibility;
    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    Registrations(SeatLedger seats, MemberEligibility eligibility, JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.seats = seats;
        this.eligibility = eligibility;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * Idempotent per (event, email): a repeat returns the existing registration unchanged. Refused
     * outside the registration window, and, for a members-only event, unless {@code memberId} is an
     * active member in this service's projection of membership.
     */
    @Transactional
    public Outcome register(UUID eventId, NewRegistration person) {
        String email = person.email().strip().toLowerCase(Locale.ROOT);
        EventState event = lockEvent(eventId);
        Instant now = clock.instant();
        if (!"ANNOUNCED".equals(event.status()) || !event.registrationOpenAt(now)) {
            throw new ProblemException(HttpStatus.CONFLICT, "registration-closed", eventId).with("eventStatus", event.status());
        }
        if (event.membersOnly()) {
            if (person.memberId() == null) {
                throw new ProblemException(HttpStatus.FORBIDDEN, "no-member-institution");
            }
            if (eligibility.find(person.memberId()).filter(MemberEligibility.Entry::eligible).isEmpty()) {
                throw new ProblemException(HttpStatus.FORBIDDEN, "member-not-active", person.memberId());
            }
        }
        var inserted = seats.insertIfNew(eventId, email, person.name().strip(), person.locale(), person.memberId(), now);
        if (inserted.isEmpty()) {
            return new Outcome(seats.findByEmail(eventId, email).orElseThrow(), false);
        }
        if (seats.takeSeat(eventId)) {
            seats.setStatus(inserted.get(), RegistrationStatus.CONFIRMED, now);
        } else if (!event.waitlistEnabled()) {
            throw new ProblemException(HttpStatus.CONFLICT, "event-full", eventId);
        }
        Registration registration = seats.find(inserted.get(), false).orElseThrow();
        publish(registration.status() == RegistrationStatus.CONFIRMED
                ? new RegistrationConfirmed(registration.id(), eventId, attendee(registration), event.summary(), now)
                : new RegistrationWaitlisted(registration.id(), eventId, attendee(registration), event.summary(), now));
        return new Outcome(registration, true);
    }

    /**
     * Cancels a registration; a freed seat goes to the oldest waiting registration in the same
     * transaction. Returns the registrations promoted. Cancelling twice changes nothing.
     */
    @Transactional
    public List<UUID> cancel(UUID registrationId) {
        UUID eventId = seats.find(registrationId, false)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "registration-not-found", registrationId))
                .eventId();
        EventState event = lockEvent(eventId);
        Registration registration = seats.find(registrationId, true).orElseThrow();
        if (registration.status() == RegistrationStatus.CANCELLED) {
            return List.of();
        }
        Instant now = clock.instant();
        seats.setStatus(registrationId, RegistrationStatus.CANCELLED, now);
        publish(new RegistrationCancelled(registrationId, eventId, attendee(registration), event.summary(), now,
                registration.status()));
        if (registration.status() != RegistrationStatus.CONFIRMED) {
            return List.of();
        }
        seats.releaseSeat(eventId);
        return promote(eventId, event, now);
    }

    /** A larger capacity promotes waiting people at once; a smaller one never cancels the confirmed. */
    @Transactional
    public List<UUID> changeCapacity(UUID eventId, int capacity) {
        if (capacity < 0) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "validation").with("errors",
                    List.of(java.util.Map.of("field", "capacity", "reason", "must be zero or more")));
        }
        EventState event = lockEvent(eventId);
        jdbc.sql("update event set capacity = :capacity where id = :id").param("capacity", capacity).param("id", eventId).update();
        return promote(eventId, event, clock.instant());
    }

    /** Fills the free seats from the waiting list, oldest first, publishing each promotion. */
    private List<UUID> promote(UUID eventId, EventState event, Instant now) {
        List<UUID> promoted = new java.util.ArrayList<>();
        for (Registration registration : seats.promoteWaiting(eventId, seats.freeSeats(eventId), now)) {
            publish(new RegistrationPromoted(registration.id(), eventId, attendee(registration), event.summary(), now));
            promoted.add(registration.id());
        }
        return promoted;
    }

    private void publish(RegistrationEvent event) {
        outbox.append(RegistrationEvent.TOPIC, event.eventId().toString(), event);
    }

    private static Attendee attendee(Registration registration) {
        return new Attendee(registration.name(), registration.email(), registration.locale(), registration.memberId());
    }

    private record EventState(String status, boolean waitlistEnabled, EventSummary summary, boolean membersOnly,
                              Instant opensAt, Instant closesAt) {
        boolean registrationOpenAt(Instant now) {
            return (opensAt == null || !now.isBefore(opensAt)) && (closesAt == null || now.isBefore(closesAt));
        }
    }

    /**
     * Reads the event and locks its row until the transaction ends. Every change to an event's seats,
     * and every event it publishes, happens under this lock, taken first (before any registration row),
     * so the outbox gets one event's facts in commit order and transactions cannot deadlock.
     */
    private EventState lockEvent(UUID eventId) {
        return jdbc.sql("select * from event where id = :id for update").param("id", eventId)
                .query((rs, n) -> new EventState(rs.getString("status"), rs.getBoolean("waitlist_enabled"),
                        new EventSummary(new Title(rs.getString("title_es"), rs.getString("title_en")),
                                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                                rs.getString("time_zone")),
                        "MEMBERS_ONLY".equals(rs.getString("audience")),
                        instant(rs.getTimestamp("registration_opens_at")), instant(rs.getTimestamp("registration_closes_at"))))
                .optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "event-not-found", eventId));
    }
}
