package org.redciudades.events.registration;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.redciudades.chassis.support.AfterCommit;
import org.redciudades.chassis.web.ProblemException;
import org.redciudades.events.catalogue.Catalogue;
import org.redciudades.events.catalogue.CatalogueEvent.EventCapacityChanged;
import org.redciudades.events.catalogue.EventRecord;
import org.redciudades.events.catalogue.EventStatus;
import org.redciudades.events.eligibility.MemberEligibility;
import org.redciudades.events.registration.RegistrationEvent.AttendanceRecorded;
import org.redciudades.events.registration.RegistrationEvent.Attendee;
import org.redciudades.events.registration.RegistrationEvent.CancelledBy;
import org.redciudades.events.registration.RegistrationEvent.EventSummary;
import org.redciudades.events.registration.RegistrationEvent.RegistrationApproved;
import org.redciudades.events.registration.RegistrationEvent.RegistrationCancelled;
import org.redciudades.events.registration.RegistrationEvent.RegistrationConfirmed;
import org.redciudades.events.registration.RegistrationEvent.RegistrationPendingApproval;
import org.redciudades.events.registration.RegistrationEvent.RegistrationPromoted;
import org.redciudades.events.registration.RegistrationEvent.RegistrationRejected;
import org.redciudades.events.registration.RegistrationEvent.RegistrationWaitlisted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering, deciding, cancelling, checking in and changing capacity, each in one transaction with its
 * seat accounting and the facts it publishes. Every operation locks the event row first
 * ({@link Catalogue#lock}), then the registration. Exactly capacity seats are held, never one more, and
 * never fewer while someone waits.
 */
@Service
public class Registrations {

    /** {@code registeredBy}: the token subject of the person registering. */
    public record NewRegistration(String email, String name, String locale, UUID memberId, String registeredBy) {
    }

    /** The registration, and whether this call created it (false: a repeat of an earlier one). */
    public record Outcome(Registration registration, boolean created) {
    }

    /** Who cancels: an organizer, the attendee (token subject), or this service on a member's withdrawal. */
    public record Canceller(CancelledBy kind, String subject) {
        public static Canceller organizer() {
            return new Canceller(CancelledBy.ORGANIZER, null);
        }

        public static Canceller attendee(String subject) {
            return new Canceller(CancelledBy.ATTENDEE, subject);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final Catalogue catalogue;
    private final SeatLedger seats;
    private final MemberEligibility eligibility;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;

    Registrations(Catalogue catalogue, SeatLedger seats, MemberEligibility eligibility, JdbcClient jdbc, Clock clock,
                  MeterRegistry meters) {
        this.catalogue = catalogue;
        this.seats = seats;
        this.eligibility = eligibility;
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        for (RegistrationStatus outcome : List.of(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED,
                RegistrationStatus.PENDING_APPROVAL)) {
            meters.counter("registrations", "outcome", outcome.name().toLowerCase(Locale.ROOT));
        }
        meters.counter("registration.promotions");
        for (CancelledBy by : CancelledBy.values()) {
            meters.counter("registration.cancellations", "cancelled_by", by.name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Idempotent per (event, email): a repeat returns the existing registration unchanged. Refused
     * outside the registration window, beyond an institution's quota, and, for a members-only event,
     * unless {@code memberId} is an active member in this service's projection of membership.
     * A free seat confirms the person, or holds the seat for an organizer's approval; otherwise they wait.
     */
    @Transactional
    public Outcome register(UUID eventId, NewRegistration person) {
        String email = person.email().strip().toLowerCase(Locale.ROOT);
        EventRecord event = catalogue.lock(eventId);
        var existing = seats.findByEmail(eventId, email);
        if (existing.isPresent()) {
            return new Outcome(existing.get(), false);
        }
        Instant now = clock.instant();
        if (!event.openForRegistrationAt(now)) {
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
        if (event.memberQuota() != null && person.memberId() != null
                && seats.activeOfMember(eventId, person.memberId()) >= event.memberQuota()) {
            throw new ProblemException(HttpStatus.CONFLICT, "member-quota-reached", eventId, event.memberQuota())
                    .with("memberQuota", event.memberQuota());
        }
        UUID id = seats.insertIfNew(eventId, person, email, now).orElseThrow();
        RegistrationStatus status = RegistrationStatus.WAITLISTED;
        if (seats.takeSeat(eventId)) {
            status = event.requiresApproval() ? RegistrationStatus.PENDING_APPROVAL : RegistrationStatus.CONFIRMED;
            seats.setStatus(id, status, now);
        } else if (!event.waitlistEnabled()) {
            throw new ProblemException(HttpStatus.CONFLICT, "event-full", eventId);
        }
        Registration registration = seats.find(id, false).orElseThrow();
        Attendee attendee = attendee(registration);
        publish(switch (status) {
            case CONFIRMED -> new RegistrationConfirmed(id, eventId, attendee, summary(event), now);
            case PENDING_APPROVAL -> new RegistrationPendingApproval(id, eventId, attendee, summary(event).withoutLink(), now);
            default -> new RegistrationWaitlisted(id, eventId, attendee, summary(event).withoutLink(), now);
        });
        AfterCommit.increment(meters, "registrations", "outcome", status.name().toLowerCase(Locale.ROOT));
        log.info("Registration {} for event {}: {}", id, eventId, status);
        return new Outcome(registration, true);
    }

    /** The registration, for an organizer or for the person who registered. */
    public Registration get(UUID registrationId, Canceller caller) {
        Registration registration = seats.find(registrationId, false)
                .orElseThrow(() -> notFound(registrationId));
        if (caller.kind() == CancelledBy.ATTENDEE && !caller.subject().equals(registration.registeredBy())) {
            throw notFound(registrationId);
        }
        return registration;
    }

    /**
     * Cancels a registration; a freed seat goes to the oldest waiting registration in the same
     * transaction. Returns the registrations promoted. Cancelling twice changes nothing. An attendee may
     * cancel only their own registration, and only before the event's cancellation deadline.
     */
    @Transactional
    public List<UUID> cancel(UUID registrationId, Canceller by) {
        EventRecord event = catalogue.lock(get(registrationId, by).eventId());
        Registration registration = seats.find(registrationId, true).orElseThrow();
        if (registration.status().isFinal()) {
            return List.of();
        }
        Instant now = clock.instant();
        if (by.kind() == CancelledBy.ATTENDEE && !event.selfCancellationOpenAt(now)) {
            throw new ProblemException(HttpStatus.CONFLICT, "cancellation-deadline-passed", registrationId);
        }
        seats.setStatus(registrationId, RegistrationStatus.CANCELLED, now);
        publish(new RegistrationCancelled(registrationId, event.id(), attendee(registration),
                summary(event).withoutLink(), now, registration.status(), by.kind()));
        return releaseAndPromote(event, registration, now);
    }

    /** An organizer approves a registration pending approval: the seat held for it becomes a confirmed one. */
    @Transactional
    public Registration approve(UUID registrationId) {
        EventRecord event = catalogue.lock(get(registrationId, Canceller.organizer()).eventId());
        Registration registration = seats.find(registrationId, true).orElseThrow();
        if (registration.status() == RegistrationStatus.CONFIRMED) {
            return registration;
        }
        requireStatus(registration, RegistrationStatus.PENDING_APPROVAL);
        Instant now = clock.instant();
        seats.setStatus(registrationId, RegistrationStatus.CONFIRMED, now);
        publish(new RegistrationApproved(registrationId, event.id(), attendee(registration), summary(event), now));
        return seats.find(registrationId, false).orElseThrow();
    }

    /**
     * An organizer rejects a registration that is pending approval or waiting; a held seat goes to the
     * oldest waiting registration at once.
     */
    @Transactional
    public List<UUID> reject(UUID registrationId, String reason) {
        EventRecord event = catalogue.lock(get(registrationId, Canceller.organizer()).eventId());
        Registration registration = seats.find(registrationId, true).orElseThrow();
        if (registration.status() == RegistrationStatus.REJECTED) {
            return List.of();
        }
        requireStatus(registration, RegistrationStatus.PENDING_APPROVAL, RegistrationStatus.WAITLISTED);
        Instant now = clock.instant();
        seats.setStatus(registrationId, RegistrationStatus.REJECTED, now);
        publish(new RegistrationRejected(registrationId, event.id(), attendee(registration),
                summary(event).withoutLink(), now, registration.status(), reason));
        return releaseAndPromote(event, registration, now);
    }

    /** Check-in: an organizer records that a confirmed person attended. Recording it twice changes nothing. */
    @Transactional
    public Registration recordAttendance(UUID registrationId) {
        EventRecord event = catalogue.lock(get(registrationId, Canceller.organizer()).eventId());
        Registration registration = seats.find(registrationId, true).orElseThrow();
        if (registration.attendedAt() != null) {
            return registration;
        }
        requireStatus(registration, RegistrationStatus.CONFIRMED);
        Instant now = clock.instant();
        if (event.status() == EventStatus.CANCELLED) {
            throw new ProblemException(HttpStatus.CONFLICT, "event-status-conflict", event.id(), event.status())
                    .with("currentStatus", event.status());
        }
        seats.setAttended(registrationId, now);
        publish(new AttendanceRecorded(registrationId, event.id(), attendee(registration), summary(event).withoutLink(), now));
        return seats.find(registrationId, false).orElseThrow();
    }

    /** A larger capacity promotes waiting people at once; a smaller one never cancels anyone holding a seat. */
    @Transactional
    public List<UUID> changeCapacity(UUID eventId, int capacity) {
        EventRecord event = catalogue.lock(eventId);
        if (!event.status().isUpcoming()) {
            throw new ProblemException(HttpStatus.CONFLICT, "event-status-conflict", eventId, event.status())
                    .with("currentStatus", event.status());
        }
        if (capacity == event.capacity()) {
            return List.of();
        }
        seats.setCapacity(eventId, capacity);
        Instant now = clock.instant();
        if (event.status() != EventStatus.DRAFT) {
            catalogue.publish(eventId, new EventCapacityChanged(eventId, event.capacity(), capacity, now));
        }
        return promote(event, now);
    }

    /**
     * A withdrawn institution's staff lose their places at events still to come: each registration is
     * cancelled and published, and freed seats go to the waiting lists. Events are locked in id order,
     * so two such sweeps cannot deadlock.
     */
    @Transactional
    public int cancelUpcomingOfMember(UUID memberId) {
        List<UUID> affected = jdbc.sql("""
                select r.id from registration r join event e on e.id = r.event_id
                where r.member_id = :member and r.status not in ('CANCELLED', 'REJECTED')
                  and e.status in ('DRAFT', 'ANNOUNCED', 'REGISTRATION_CLOSED') and e.starts_at > :now
                order by r.event_id, r.position
                """).param("member", memberId).param("now", Timestamp.from(clock.instant()))
                .query(UUID.class).list();
        for (UUID registrationId : affected) {
            cancel(registrationId, new Canceller(CancelledBy.MEMBERSHIP_WITHDRAWN, null));
        }
        return affected.size();
    }

    private List<UUID> releaseAndPromote(EventRecord event, Registration registration, Instant now) {
        if (!registration.status().holdsSeat()) {
            return List.of();
        }
        seats.releaseSeat(event.id());
        return promote(event, now);
    }

    /**
     * Gives free seats to the waiting list, oldest first: confirmed at once, or held for approval when
     * organizers approve each registration. Publishes each.
     */
    private List<UUID> promote(EventRecord event, Instant now) {
        if (event.status() != EventStatus.ANNOUNCED && event.status() != EventStatus.REGISTRATION_CLOSED) {
            return List.of();   // nobody is promoted into a draft, a cancelled or a past event
        }
        RegistrationStatus to = event.requiresApproval() ? RegistrationStatus.PENDING_APPROVAL : RegistrationStatus.CONFIRMED;
        List<UUID> promoted = new ArrayList<>();
        for (Registration registration : seats.promoteWaiting(event.id(), seats.freeSeats(event.id()), to, now)) {
            publish(to == RegistrationStatus.CONFIRMED
                    ? new RegistrationPromoted(registration.id(), event.id(), attendee(registration), summary(event), now)
                    : new RegistrationPendingApproval(registration.id(), event.id(), attendee(registration),
                            summary(event).withoutLink(), now));
            promoted.add(registration.id());
            AfterCommit.increment(meters, "registration.promotions");
        }
        return promoted;
    }

    private void publish(RegistrationEvent fact) {
        catalogue.publish(fact.eventId(), fact);
        if (fact instanceof RegistrationCancelled cancelled) {
            AfterCommit.increment(meters, "registration.cancellations",
                    "cancelled_by", cancelled.cancelledBy().name().toLowerCase(Locale.ROOT));
        }
    }

    private static void requireStatus(Registration registration, RegistrationStatus... allowed) {
        if (!List.of(allowed).contains(registration.status())) {
            throw new ProblemException(HttpStatus.CONFLICT, "registration-status-conflict", registration.id(),
                    registration.status()).with("currentStatus", registration.status());
        }
    }

    private static ProblemException notFound(UUID registrationId) {
        return new ProblemException(HttpStatus.NOT_FOUND, "registration-not-found", registrationId);
    }

    private static Attendee attendee(Registration registration) {
        return new Attendee(registration.name(), registration.email(), registration.locale(), registration.memberId());
    }

    private static EventSummary summary(EventRecord event) {
        return new EventSummary(event.title(), event.schedule().startsAt(), event.schedule().endsAt(),
                event.schedule().timeZone(), event.schedule().revision(), event.modality(), event.venue(),
                event.onlineLink());
    }
}
