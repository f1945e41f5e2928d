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

    /** The person who gets the seat, as the request names them; whoever registers them is the {@link Requester}. */
    public record Registrant(String email, String name, String locale) {
    }

    /** The registration, and whether this call created it (false: a repeat of an earlier one). */
    public record Outcome(Registration registration, boolean created) {
    }

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final Catalogue catalogue;
    private final SeatLedger seats;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;
    private final GuestLinks links;

    Registrations(Catalogue catalogue, SeatLedger seats, JdbcClient jdbc, Clock clock, MeterRegistry meters,
                  GuestLinks links) {
        this.catalogue = catalogue;
        this.seats = seats;
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        this.links = links;
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
     * attended returns it unchanged to whoever may see it ({@link Requester#maySee}), and is refused to
     * anyone else (409 {@code already-registered}, without the registration); after a cancellation or a
     * rejection, the person registers anew, at the back of the queue. The registration belongs to
     * {@code by}, and counts for the institution {@code by} acts for, if any. Refused outside the
     * registration window, beyond that institution's quota, and, for a members-only event, unless
     * {@code by} acts for an institution that is ACTIVE in this service's projection of membership. A free
     * seat confirms the person, or holds the seat for an organizer's approval; otherwise they wait.
     */
    @Transactional
    public Outcome register(UUID eventId, Registrant registrant, Requester by) {
        String email = EmailAddresses.normalized(registrant.email());
        EventRecord event = catalogue.lock(eventId);
        var existing = seats.findActiveByEmail(eventId, email);
        if (existing.isPresent()) {
            if (!by.maySee(existing.get())) {
                throw new ProblemException(HttpStatus.CONFLICT, "already-registered", eventId);
            }
            return new Outcome(existing.get(), false);
        }
        return new Outcome(create(event, registrant, email, by, false, clock.instant()), true);
    }

    /**
     * Registration without an account, at a PUBLIC event (403 {@code members-only-event} otherwise): the
     * same lifecycle as anyone's, for no institution; the registration is made by nobody's token
     * ({@code registeredBy} is null) and marked as a guest's, so its manage link is the way back to it.
     * The answer must not tell whether the email already had a registration here: every refusal depends
     * on the event alone and is decided before the email is looked up, and a repeat while the email's
     * registration is active returns it unchanged (created: false) and publishes nothing, whoever made it.
     */
    @Transactional
    public Outcome registerGuest(UUID eventId, Registrant registrant) {
        String email = EmailAddresses.normalized(registrant.email());
        EventRecord event = catalogue.lock(eventId);
        Instant now = clock.instant();
        EventLifecycle.check(event, EventAction.REGISTER, now);
        if (event.membersOnly()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "members-only-event", eventId);
        }
        RegistrationLifecycle.checkRoom(event, seats.freeSeats(eventId) > 0);
        var existing = seats.findActiveByEmail(eventId, email);
        if (existing.isPresent()) {
            return new Outcome(existing.get(), false);
        }
        return new Outcome(create(event, registrant, email, Requester.aGuest(), true, now), true);
    }

    /**
     * A new registration, made by {@code by} or, without an account, by a guest, once a repeat is ruled out:
     * the event's rules, then a seat, a held seat or a place in the queue.
     */
    private Registration create(EventRecord event, Registrant registrant, String email, Requester by, boolean guest,
                                Instant now) {
        UUID eventId = event.id();
        EventLifecycle.check(event, EventAction.REGISTER, now);
        UUID memberId = by.actsFor().orElse(null);
        if (event.membersOnly() && memberId == null) {
            throw by.institution() == null ? new ProblemException(HttpStatus.FORBIDDEN, "no-member-institution")
                    : new ProblemException(HttpStatus.FORBIDDEN, "member-not-active", by.institution().memberId());
        }
        if (event.memberQuota() != null && memberId != null
                && seats.activeOfMember(eventId, memberId) >= event.memberQuota()) {
            throw new ProblemException(HttpStatus.CONFLICT, "member-quota-reached", eventId, event.memberQuota())
                    .with("memberQuota", event.memberQuota());
        }
        UUID id = UUID.randomUUID();
        Attendee attendee = new Attendee(registrant.name().strip(), email, registrant.locale(), memberId, null);
        RegistrationLifecycle.Transition start = RegistrationLifecycle.start(id, attendee, event, seats.takeSeat(eventId), now);
        seats.insert(id, eventId, attendee, by.subject(), guest, start.to(), now);
        start.fact().ifPresent(fact -> publish(fact, guest));
        AfterCommit.increment(meters, "registrations", "outcome", start.to().name().toLowerCase(Locale.ROOT));
        log.info("Registration {} for event {}{}: {}", id, eventId, guest ? " (guest)" : "", start.to());
        return seats.find(id, false).orElseThrow();
    }

    /**
     * The registration, for whoever may see it ({@link Requester#maySee}); to anyone else, 404
     * {@code registration-not-found}, as if it did not exist.
     */
    public Registration get(UUID registrationId, Requester by) {
        return seats.find(registrationId, false).filter(by::maySee)
                .orElseThrow(() -> notFound(registrationId));
    }

    /**
     * Cancels a registration; a freed seat goes to the oldest waiting registration in the same
     * transaction. Returns the registrations promoted. Cancelling twice changes nothing. Only whoever may
     * see it may cancel it: organizers at any time until the event ends, the attendee and their primary
     * contact only before the event's cancellation deadline.
     */
    @Transactional
    public List<UUID> cancel(UUID registrationId, Requester by) {
        return step(get(registrationId, by).eventId(), registrationId, new RegistrationCommand.Cancel(by.cancelsAs()));
    }

    /** An organizer approves a registration pending approval: the seat held for it becomes a confirmed one. */
    @Transactional
    public Registration approve(UUID registrationId) {
        step(get(registrationId, Requester.anOrganizer()).eventId(), registrationId, new RegistrationCommand.Approve());
        return seats.find(registrationId, false).orElseThrow();
    }

    /**
     * An organizer rejects a registration that is pending approval or waiting; a held seat goes to the
     * oldest waiting registration at once.
     */
    @Transactional
    public List<UUID> reject(UUID registrationId, String reason) {
        return step(get(registrationId, Requester.anOrganizer()).eventId(), registrationId,
                new RegistrationCommand.Reject(reason));
    }

    /** Check-in: an organizer records that a confirmed person attended. Recording it twice changes nothing. */
    @Transactional
    public Registration recordAttendance(UUID registrationId) {
        step(get(registrationId, Requester.anOrganizer()).eventId(), registrationId, new RegistrationCommand.CheckIn());
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
        List<Registration> affected = jdbc.sql("""
                select r.* from registration r join event e on e.id = r.event_id
                where r.member_id = :member and r.status = any(:cancellable)
                  and e.status = any(:open) and e.starts_at > :now
                order by r.event_id, r.position
                """).param("member", memberId)
                .param("cancellable", SeatLedger.names(RegistrationLifecycle.movedBy(RegistrationAction.CANCEL)))
                .param("open", EventLifecycle.statusesAllowing(EventAction.CANCEL_REGISTRATION).stream()
                        .map(Enum::name).toArray(String[]::new))
                .param("now", Timestamp.from(clock.instant()))
                .query(SeatLedger::map).list();
        for (Registration registration : affected) {
            step(registration.eventId(), registration.id(), new RegistrationCommand.Cancel(CancelledBy.MEMBERSHIP_WITHDRAWN));
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
        publish(step.fact().get(), registration.guest());
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
            step.fact().ifPresent(fact -> publish(fact, registration.guest()));
            promoted.add(registration.id());
            AfterCommit.increment(meters, "registration.promotions");
        }
        if (!promoted.isEmpty()) {
            seats.takeSeats(event.id(), promoted.size());
        }
        return promoted;
    }

    /** A guest's facts carry their manage token where they need it ({@link RegistrationEvent#withManageToken}). */
    private void publish(RegistrationEvent fact, boolean guest) {
        catalogue.publish(fact.eventId(), guest ? fact.withManageToken(links.tokenFor(fact.registrationId())) : fact);
        if (fact instanceof RegistrationCancelled cancelled) {
            AfterCommit.increment(meters, "registration.cancellations",
                    "cancelled_by", cancelled.cancelledBy().name().toLowerCase(Locale.ROOT));
        }
    }

    private static ProblemException notFound(UUID registrationId) {
        return new ProblemException(HttpStatus.NOT_FOUND, "registration-not-found", registrationId);
    }
}
