package org.redciudades.events.registration;

import static org.redciudades.events.registration.RegistrationAction.APPROVE;
import static org.redciudades.events.registration.RegistrationAction.CANCEL;
import static org.redciudades.events.registration.RegistrationAction.CHECK_IN;
import static org.redciudades.events.registration.RegistrationAction.PROMOTE;
import static org.redciudades.events.registration.RegistrationAction.REJECT;
import static org.redciudades.events.registration.RegistrationStatus.ATTENDED;
import static org.redciudades.events.registration.RegistrationStatus.CANCELLED;
import static org.redciudades.events.registration.RegistrationStatus.CONFIRMED;
import static org.redciudades.events.registration.RegistrationStatus.PENDING_APPROVAL;
import static org.redciudades.events.registration.RegistrationStatus.REJECTED;
import static org.redciudades.events.registration.RegistrationStatus.WAITLISTED;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.redciudades.chassis.web.ProblemException;
import org.redciudades.events.catalogue.EventAction;
import org.redciudades.events.catalogue.EventLifecycle;
import org.redciudades.events.catalogue.EventRecord;
import org.redciudades.events.registration.RegistrationEvent.AttendanceRecorded;
import org.redciudades.events.registration.RegistrationEvent.Attendee;
import org.redciudades.events.registration.RegistrationEvent.EventSummary;
import org.redciudades.events.registration.RegistrationEvent.RegistrationApproved;
import org.redciudades.events.registration.RegistrationEvent.RegistrationCancelled;
import org.redciudades.events.registration.RegistrationEvent.RegistrationConfirmed;
import org.redciudades.events.registration.RegistrationEvent.RegistrationPendingApproval;
import org.redciudades.events.registration.RegistrationEvent.RegistrationPromoted;
import org.redciudades.events.registration.RegistrationEvent.RegistrationRejected;
import org.redciudades.events.registration.RegistrationEvent.RegistrationWaitlisted;
import org.springframework.http.HttpStatus;

/**
 * The registration lifecycle, in one place: how a registration starts, which step each status allows
 * and where it leads, what each status means for a seat, and the fact each step publishes. Every step
 * is also checked against the event's status and times ({@link EventLifecycle}), so nothing is
 * confirmed, promoted or decided at a cancelled, ended or started event that should not be.
 */
public final class RegistrationLifecycle {

    /**
     * Status → step → the status it leads to; a step not listed is refused. A step that leads back to
     * the same status is a repeat of one already taken: it changes nothing and publishes nothing. A
     * promotion gives the seat as registering would: CONFIRMED, or PENDING_APPROVAL at an event that
     * needs an organizer's approval.
     */
    private static final Map<RegistrationStatus, Map<RegistrationAction, RegistrationStatus>> TRANSITIONS = new EnumMap<>(Map.of(
            CONFIRMED, Map.of(APPROVE, CONFIRMED, CANCEL, CANCELLED, CHECK_IN, ATTENDED),
            PENDING_APPROVAL, Map.of(APPROVE, CONFIRMED, REJECT, REJECTED, CANCEL, CANCELLED),
            WAITLISTED, Map.of(PROMOTE, CONFIRMED, REJECT, REJECTED, CANCEL, CANCELLED),
            ATTENDED, Map.of(CHECK_IN, ATTENDED),
            CANCELLED, Map.of(CANCEL, CANCELLED),
            REJECTED, Map.of(REJECT, REJECTED, CANCEL, REJECTED)));

    /** What a status means for a seat: one given, one held for a decision, a place in the queue, or nothing. */
    public enum Place { SEAT, HELD, WAITING, NONE }

    private static final Map<RegistrationStatus, Place> PLACE = new EnumMap<>(Map.of(
            CONFIRMED, Place.SEAT,
            ATTENDED, Place.SEAT,
            PENDING_APPROVAL, Place.HELD,
            WAITLISTED, Place.WAITING,
            CANCELLED, Place.NONE,
            REJECTED, Place.NONE));

    /** How a registration can start: with a seat, with a seat held for approval, or waiting. */
    private static final Set<RegistrationStatus> STARTS = EnumSet.of(CONFIRMED, PENDING_APPROVAL, WAITLISTED);

    /** The new status and the fact the step publishes (none for a repeat). */
    public record Transition(RegistrationStatus to, Optional<RegistrationEvent> fact) {
    }

    private RegistrationLifecycle() {
    }

    /**
     * A new registration at an event open for it ({@link EventAction#REGISTER}): a seat taken confirms it,
     * or holds it for an organizer's approval; without one it waits, or is refused when the event keeps
     * no waiting list.
     */
    public static Transition start(UUID id, Attendee attendee, EventRecord event, boolean seatTaken, Instant now) {
        checkRoom(event, seatTaken);
        RegistrationStatus to = seatTaken ? seated(event) : WAITLISTED;
        EventSummary summary = EventSummary.of(event);
        return new Transition(to, Optional.of(switch (to) {
            case CONFIRMED -> new RegistrationConfirmed(id, event.id(), attendee, summary, now);
            case PENDING_APPROVAL -> new RegistrationPendingApproval(id, event.id(), attendee, summary.withoutLink(), now);
            default -> new RegistrationWaitlisted(id, event.id(), attendee, summary.withoutLink(), now);
        }));
    }

    /**
     * Whether a new registration would find room: a seat, or else the waiting list; 409 {@code event-full}
     * when neither. {@link #start} asks it with the seat it took; a caller that must answer before it looks
     * anything else up may ask it with whether a seat is free.
     */
    public static void checkRoom(EventRecord event, boolean seat) {
        if (!seat && !event.waitlistEnabled()) {
            throw new ProblemException(HttpStatus.CONFLICT, "event-full", event.id());
        }
    }

    /** Checks the step against the registration and its event, and says where it leads and what it publishes. */
    public static Transition decide(Registration registration, RegistrationCommand command, EventRecord event, Instant now) {
        RegistrationStatus from = registration.status();
        RegistrationStatus to = next(registration, command.action());
        if (to == from) {
            return new Transition(to, Optional.empty());
        }
        EventLifecycle.check(event, command.eventAction(), now);
        if (command instanceof RegistrationCommand.Promote) {
            to = seated(event);
        }
        UUID id = registration.id();
        Attendee attendee = Attendee.of(registration);
        EventSummary summary = EventSummary.of(event);
        RegistrationEvent fact = switch (command) {
            case RegistrationCommand.Promote ignored -> to == CONFIRMED
                    ? new RegistrationPromoted(id, event.id(), attendee, summary, now)
                    : new RegistrationPendingApproval(id, event.id(), attendee, summary.withoutLink(), now);
            case RegistrationCommand.Approve ignored -> new RegistrationApproved(id, event.id(), attendee, summary, now);
            case RegistrationCommand.Reject reject -> new RegistrationRejected(id, event.id(), attendee,
                    summary.withoutLink(), now, from, reject.reason());
            case RegistrationCommand.Cancel cancel -> new RegistrationCancelled(id, event.id(), attendee,
                    summary.withoutLink(), now, from, cancel.by());
            case RegistrationCommand.CheckIn ignored -> new AttendanceRecorded(id, event.id(), attendee, summary.withoutLink(), now);
        };
        return new Transition(to, Optional.of(fact));
    }

    /**
     * Whether {@link #decide} would take the step now: the registration's status moves by it (a repeat is
     * no step) and the event's status and times allow it. For views that say what a person may still do.
     */
    public static boolean allows(Registration registration, RegistrationCommand command, EventRecord event, Instant now) {
        RegistrationStatus next = TRANSITIONS.get(registration.status()).get(command.action());
        return next != null && next != registration.status() && EventLifecycle.allows(event, command.eventAction(), now);
    }

    public static RegistrationStatus next(Registration registration, RegistrationAction action) {
        RegistrationStatus next = TRANSITIONS.get(registration.status()).get(action);
        if (next == null) {
            throw new RegistrationStepRefusedException(registration.id(), registration.status(), action,
                    allowed(registration.status()));
        }
        return next;
    }

    /** The steps the status allows, in the order of {@link RegistrationAction}. */
    public static Set<RegistrationAction> allowed(RegistrationStatus status) {
        Set<RegistrationAction> allowed = EnumSet.noneOf(RegistrationAction.class);
        allowed.addAll(TRANSITIONS.get(status).keySet());
        return allowed;
    }

    public static Place place(RegistrationStatus status) {
        return PLACE.get(status);
    }

    public static boolean holdsSeat(RegistrationStatus status) {
        return PLACE.get(status) == Place.SEAT || PLACE.get(status) == Place.HELD;
    }

    /** Only a confirmed person may see the event's online link. */
    public static boolean seesOnlineLink(RegistrationStatus status) {
        return PLACE.get(status) == Place.SEAT;
    }

    /**
     * Still in the event, seated or waiting: a repeat of the same email returns it, it counts towards
     * the institution's quota, and an email has at most one such registration per event.
     */
    public static Set<RegistrationStatus> active() {
        return statusesWhere(status -> PLACE.get(status) != Place.NONE);
    }

    /** The statuses that the step moves (a repeat aside), e.g. to select rows in SQL. */
    public static Set<RegistrationStatus> movedBy(RegistrationAction action) {
        return statusesWhere(status -> {
            RegistrationStatus next = TRANSITIONS.get(status).get(action);
            return next != null && next != status;
        });
    }

    public static Set<RegistrationStatus> starts() {
        return EnumSet.copyOf(STARTS);
    }

    public static Set<RegistrationStatus> statusesWhere(Predicate<RegistrationStatus> condition) {
        Set<RegistrationStatus> statuses = EnumSet.noneOf(RegistrationStatus.class);
        for (RegistrationStatus status : RegistrationStatus.values()) {
            if (condition.test(status)) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    private static RegistrationStatus seated(EventRecord event) {
        return event.requiresApproval() ? PENDING_APPROVAL : CONFIRMED;
    }
}
