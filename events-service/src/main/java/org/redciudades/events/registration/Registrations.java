package org.redciudades.events.registration;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.redciudades.chassis.privacy.EmailAddresses;
import org.redciudades.chassis.support.AfterCommit;
import org.redciudades.chassis.web.ProblemException;
import org.redciudades.events.catalogue.Catalogue;
import org.redciudades.events.catalogue.EventAction;
import org.redciudades.events.catalogue.EventCommand;
import org.redciudades.events.catalogue.EventLifecycle;
import org.redciudades.events.catalogue.EventRecord;
import org.redciudades.events.eligibility.MemberEligibility;
import org.redciudades.events.registration.RegistrationEvent.Attendee;
import org.redciudades.events.registration.RegistrationEvent.CancelledBy;
import org.redciudades.events.registration.RegistrationEvent.RegistrationCancelled;
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
        for (RegistrationStatus outcome : RegistrationLifecycle.starts()) {
            meters.counter("registrations", "outcome", outcome.name().toLowerCase(Locale.ROOT));
        }
        meters.counter("registration.promotions");
        for (CancelledBy by : CancelledBy.values()) {
            meters.counter("registration.cancellations", "cancelled_by", by.name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * One active registration per (event, email): a repeat while it is confirmed, pending, waiting or
     * attended returns it unchanged; after a cancellation or a rejection, the person registers anew, at
     * the back of the queue. Refused outside the registration window, beyond an institution's quota,
     * and, for a members-only event, unless {@code memberId} is an active member in this service's
     * projection of membership. A free seat confirms the person, or holds the seat for an organizer's
     * approval; otherwise they wait.
     */
    @Transactional
    public Outcome register(UUID eventId, NewRegistration person) {
        String email = EmailAddresses.normalized(person.email());
        EventRecord event = catalogue.lock(eventId);
        var existing = seats.findActiveByEmail(eventId, email);
        if (existing.isPresent()) {
            return new Outcome(existing.get(), false);
        }
        Instant now = clock.instant();
        EventLifecycle.check(event, EventAction.REGISTER, now);
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
        UUID id = UUID.randomUUID();
        Attendee attendee = new Attendee(person.name().strip(), email, person.locale(), person.memberId());
        RegistrationLifecycle.Transition start = RegistrationLifecycle.start(id, attendee, event, seats.takeSeat(eventId), now);
        seats.insert(id, eventId, person, email, start.to(), now);
        start.fact().ifPresent(this::publish);
        AfterCommit.increment(meters, "registrations", "outcome", start.to().name().toLowerCase(Locale.ROOT));
        log.info("Registration {} for event {}: {}", id, eventId, start.to());
        return new Outcome(seats.find(id, false).orElseThrow(), true);
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
        return step(get(registrationId, by).eventId(), registrationId, new RegistrationCommand.Cancel(by.kind()));
    }

    /** An organizer approves a registration pending approval: the seat held for it becomes a confirmed one. */
    @Transactional
    public Registration approve(UUID registrationId) {
        step(get(registrationId, Canceller.organizer()).eventId(), registrationId, new RegistrationCommand.Approve());
        return seats.find(registrationId, false).orElseThrow();
    }

    /**
     * An organizer rejects a registration that is pending approval or waiting; a held seat goes to the
     * oldest waiting registration at once.
     */
    @Transactional
    public List<UUID> reject(UUID registrationId, String reason) {
        return step(get(registrationId, Canceller.organizer()).eventId(), registrationId,
                new RegistrationCommand.Reject(reason));
    }

    /** Check-in: an organizer records that a confirmed person attended. Recording it twice changes nothing. */
    @Transactional
    public Registration recordAttendance(UUID registrationId) {
        step(get(registrationId, Canceller.organizer()).eventId(), registrationId, new RegistrationCommand.CheckIn());
        return seats.find(registrationId, false).orElseThrow();
    }

    /** A larger capacity promotes waiting people at once; a smaller one never cancels anyone holding a seat. */
    @Transactional
    public List<UUID> changeCapacity(UUID eventId, int capacity) {
        EventRecord event = catalogue.lock(eventId);
        Instant now = clock.instant();
        EventLifecycle.Transition change = EventLifecycle.decide(event, new EventCommand.ChangeCapacity(capacity), now);
        if (capacity == event.capacity()) {
            return List.of();
        }
        seats.setCapacity(eventId, capacity);
        change.fact().ifPresent(fact -> catalogue.publish(eventId, fact));
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
                where r.member_id = :member and r.status = any(:cancellable)
                  and e.status = any(:open) and e.starts_at > :now
                order by r.event_id, r.position
                """).param("member", memberId)
                .param("cancellable", SeatLedger.names(RegistrationLifecycle.movedBy(RegistrationAction.CANCEL)))
                .param("open", EventLifecycle.statusesAllowing(EventAction.CANCEL_REGISTRATION).stream()
                        .map(Enum::name).toArray(String[]::new))
                .param("now", Timestamp.from(clock.instant()))
                .query(UUID.class).list();
        for (UUID registrationId : affected) {
            cancel(registrationId, new Canceller(CancelledBy.MEMBERSHIP_WITHDRAWN, null));
        }
        return affected.size();
    }

    /**
     * One step on a registration, under its event's lock: checked by the lifecycles, recorded and
     * published; a seat it frees goes to the waiting list. Returns the registrations promoted.
     */
    private List<UUID> step(UUID eventId, UUID registrationId, RegistrationCommand command) {
        EventRecord event = catalogue.lock(eventId);
        Registration registration = seats.find(registrationId, true).orElseThrow();
        Instant now = clock.instant();
        RegistrationLifecycle.Transition step = RegistrationLifecycle.decide(registration, command, event, now);
        if (step.fact().isEmpty()) {
            return List.of();   // a repeat
        }
        seats.setStatus(registrationId, step.to(), now);
        if (command instanceof RegistrationCommand.CheckIn) {
            seats.setAttended(registrationId, now);
        }
        publish(step.fact().get());
        if (RegistrationLifecycle.holdsSeat(registration.status()) && !RegistrationLifecycle.holdsSeat(step.to())) {
            seats.releaseSeat(eventId);
            return promote(event, now);
        }
        return List.of();
    }

    /**
     * Gives free seats to the waiting list, oldest first: confirmed at once, or held for approval when
     * organizers approve each registration. Publishes each. Nobody is promoted once the event has
     * started, nor into a draft, a cancelled or a completed event.
     */
    private List<UUID> promote(EventRecord event, Instant now) {
        if (!EventLifecycle.allows(event, EventAction.PROMOTE, now)) {
            return List.of();
        }
        List<Registration> waiting = seats.oldestWaiting(event.id(), seats.freeSeats(event.id()));
        List<UUID> promoted = new ArrayList<>();
        for (Registration registration : waiting) {
            RegistrationLifecycle.Transition step = RegistrationLifecycle.decide(registration,
                    new RegistrationCommand.Promote(), event, now);
            seats.setStatus(registration.id(), step.to(), now);
            step.fact().ifPresent(this::publish);
            promoted.add(registration.id());
            AfterCommit.increment(meters, "registration.promotions");
        }
        if (!promoted.isEmpty()) {
            seats.takeSeats(event.id(), promoted.size());
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

    private static ProblemException notFound(UUID registrationId) {
        return new ProblemException(HttpStatus.NOT_FOUND, "registration-not-found", registrationId);
    }
}
