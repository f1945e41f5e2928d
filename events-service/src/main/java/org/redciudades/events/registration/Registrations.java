package org.redciudades.events.registration;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.redciudades.chassis.outbox.Outbox;
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
 * never fewer while someone waits. Registering, the busiest of them, holds the event's lock for one call
 * to the database only ({@link SeatLedger#register}).
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
    /** Attempts to register while organizers keep changing the event, before giving up. */
    private static final int MAX_ATTEMPTS = 10;
    /** Events kept as last read for registering ({@link #decidingOn}); all are forgotten when there are more. */
    private static final int EVENTS_KEPT = 10_000;

    private final Catalogue catalogue;
    private final SeatLedger seats;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;
    private final GuestLinks links;
    private final Map<UUID, Catalogue.Versioned> lastRead = new ConcurrentHashMap<>();

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
     *
     * <p>Not {@code @Transactional}: everything done under the event's lock is one call to the database
     * ({@link SeatLedger#register}), prepared beforehand on the event as read without a lock
     * ({@link #decidingOn}).
     */
    public Outcome register(UUID eventId, Registrant registrant, Requester by) {
        String email = EmailAddresses.normalized(registrant.email());
        for (int attempt = 1; ; attempt++) {
            Catalogue.Versioned read = decidingOn(eventId, attempt);
            EventRecord event = read.event();
            Instant now = clock.instant();
            ProblemException refusal = refusalOfNew(event, by, now);
            UUID memberId = by.actsFor().orElse(null);
            SeatLedger.Registering result = seats.register(eventId, read.version(), refusal == null,
                    memberId == null ? null : event.memberQuota(),
                    prepare(event, registrant, email, memberId, by.subject(), false, now));
            switch (result.outcome()) {
                case EXISTING -> {
                    if (!by.maySee(result.registration())) {
                        throw new ProblemException(HttpStatus.CONFLICT, "already-registered", eventId);
                    }
                    return new Outcome(result.registration(), false);
                }
                case REFUSED -> throw refusal;
                case CHANGED -> changedWhileRegistering(eventId, attempt);
                default -> {
                    return created(event, result, false);
                }
            }
        }
    }

    /**
     * Registration without an account, at a PUBLIC event (403 {@code members-only-event} otherwise): the
     * same lifecycle as anyone's, for no institution; the registration is made by nobody's token
     * ({@code registeredBy} is null) and marked as a guest's, so its manage link is the way back to it.
     * The answer must not tell whether the email already had a registration here: every refusal depends
     * on the event alone and is decided before the email is looked up, and a repeat while the email's
     * registration is active returns it unchanged (created: false) and publishes nothing, whoever made it.
     */
    public Outcome registerGuest(UUID eventId, Registrant registrant) {
        String email = EmailAddresses.normalized(registrant.email());
        for (int attempt = 1; ; attempt++) {
            Catalogue.Versioned read = decidingOn(eventId, attempt);
            EventRecord event = read.event();
            Instant now = clock.instant();
            ProblemException refusal = refusalOfGuest(event, now);
            SeatLedger.Registering result = seats.register(eventId, read.version(), refusal == null, null,
                    prepare(event, registrant, email, null, null, true, now));
            switch (result.outcome()) {
                case EXISTING -> {
                    return new Outcome(result.registration(), false);
                }
                case REFUSED -> throw refusal;
                case CHANGED -> changedWhileRegistering(eventId, attempt);
                default -> {
                    return created(event, result, true);
                }
            }
        }
    }

    /**
     * The event to decide a registration on: as last read for registering, on a first attempt, or else read
     * now. A stale one costs an attempt and nothing else, since {@link SeatLedger#register} checks under the
     * lock that the event is still the version decided on, and makes nothing, and refuses nothing, otherwise.
     */
    private Catalogue.Versioned decidingOn(UUID eventId, int attempt) {
        Catalogue.Versioned known = attempt == 1 ? lastRead.get(eventId) : null;
        if (known != null) {
            return known;
        }
        Catalogue.Versioned read = catalogue.versioned(eventId);
        if (lastRead.size() >= EVENTS_KEPT) {
            lastRead.clear();
        }
        lastRead.put(eventId, read);
        return read;
    }

    /** Why a guest may not register at the event now, or null if they may: the same for every email. */
    private static ProblemException refusalOfGuest(EventRecord event, Instant now) {
        try {
            EventLifecycle.check(event, EventAction.REGISTER, now);
        } catch (ProblemException refused) {
            return refused;
        }
        return event.membersOnly() ? new ProblemException(HttpStatus.FORBIDDEN, "members-only-event", event.id()) : null;
    }

    /**
     * Why {@code by} may not make a new registration at the event now (the event's lifecycle, or a
     * members-only event without an active institution), or null if they may. Decided before the lock, and
     * thrown only if the email turns out to have no registration to repeat.
     */
    private static ProblemException refusalOfNew(EventRecord event, Requester by, Instant now) {
        try {
            EventLifecycle.check(event, EventAction.REGISTER, now);
        } catch (ProblemException refused) {
            return refused;
        }
        if (event.membersOnly() && by.actsFor().isEmpty()) {
            return by.institution() == null ? new ProblemException(HttpStatus.FORBIDDEN, "no-member-institution")
                    : new ProblemException(HttpStatus.FORBIDDEN, "member-not-active", by.institution().memberId());
        }
        return null;
    }

    /**
     * A new registration as the lifecycle starts it, with or without a seat, each with the fact it publishes
     * already serialized; no fact for waiting when the event keeps no waiting list.
     */
    private SeatLedger.NewRegistration prepare(EventRecord event, Registrant registrant, String email, UUID memberId,
                                               String registeredBy, boolean guest, Instant now) {
        UUID id = UUID.randomUUID();
        Attendee attendee = new Attendee(registrant.name().strip(), email, registrant.locale(), memberId, null);
        RegistrationLifecycle.Transition seated = RegistrationLifecycle.start(id, attendee, event, true, now);
        RegistrationLifecycle.Transition waiting = event.waitlistEnabled()
                ? RegistrationLifecycle.start(id, attendee, event, false, now) : null;
        return new SeatLedger.NewRegistration(id, attendee, registeredBy, guest,
                seated.to(), fact(seated, guest), waiting == null ? null : waiting.to(),
                waiting == null ? null : fact(waiting, guest), now);
    }

    private Outbox.Entry fact(RegistrationLifecycle.Transition start, boolean guest) {
        RegistrationEvent fact = start.fact().orElseThrow();
        return catalogue.factAbout(fact.eventId(), guest ? fact.withManageToken(links.tokenFor(fact.registrationId())) : fact);
    }

    /** The outcome of a registration that was not a repeat: made, or refused for the quota or for room. */
    private Outcome created(EventRecord event, SeatLedger.Registering result, boolean guest) {
        switch (result.outcome()) {
            case QUOTA -> throw new ProblemException(HttpStatus.CONFLICT, "member-quota-reached", event.id(),
                    event.memberQuota()).with("memberQuota", event.memberQuota());
            case FULL -> RegistrationLifecycle.checkRoom(event, false);
            default -> {
            }
        }
        Registration registration = result.registration();
        AfterCommit.increment(meters, "registrations", "outcome", registration.status().name().toLowerCase(Locale.ROOT));
        log.info("Registration {} for event {}{}: {}", registration.id(), event.id(), guest ? " (guest)" : "",
                registration.status());
        return new Outcome(registration, true);
    }

    /** An organizer changed the event between reading it and locking it; more than a few times in a row is a fault. */
    private static void changedWhileRegistering(UUID eventId, int attempt) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new IllegalStateException("Event " + eventId + " changed under " + attempt + " registration attempts in a row");
        }
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
