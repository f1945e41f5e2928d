package org.redciudades.events.catalogue;

import static java.util.Map.entry;
import static org.redciudades.events.catalogue.EventAction.ANNOUNCE;
import static org.redciudades.events.catalogue.EventAction.CANCEL;
import static org.redciudades.events.catalogue.EventAction.CANCEL_OWN_REGISTRATION;
import static org.redciudades.events.catalogue.EventAction.CANCEL_REGISTRATION;
import static org.redciudades.events.catalogue.EventAction.CHANGE_CAPACITY;
import static org.redciudades.events.catalogue.EventAction.CHECK_IN;
import static org.redciudades.events.catalogue.EventAction.CLOSE_REGISTRATION;
import static org.redciudades.events.catalogue.EventAction.COMPLETE;
import static org.redciudades.events.catalogue.EventAction.DECIDE;
import static org.redciudades.events.catalogue.EventAction.DESCRIBE;
import static org.redciudades.events.catalogue.EventAction.PROMOTE;
import static org.redciudades.events.catalogue.EventAction.REGISTER;
import static org.redciudades.events.catalogue.EventAction.RESCHEDULE;
import static org.redciudades.events.catalogue.EventStatus.ANNOUNCED;
import static org.redciudades.events.catalogue.EventStatus.CANCELLED;
import static org.redciudades.events.catalogue.EventStatus.COMPLETED;
import static org.redciudades.events.catalogue.EventStatus.DRAFT;
import static org.redciudades.events.catalogue.EventStatus.REGISTRATION_CLOSED;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.redciudades.events.catalogue.CatalogueEvent.EventAnnounced;
import org.redciudades.events.catalogue.CatalogueEvent.EventCancelled;
import org.redciudades.events.catalogue.CatalogueEvent.EventCapacityChanged;
import org.redciudades.events.catalogue.CatalogueEvent.EventCompleted;
import org.redciudades.events.catalogue.CatalogueEvent.EventRegistrationClosed;
import org.redciudades.events.catalogue.CatalogueEvent.EventRescheduled;
import org.redciudades.events.catalogue.CatalogueEvent.EventUpdated;
import org.redciudades.events.catalogue.CatalogueEvent.Schedule;

/**
 * The event lifecycle, in one place: which step each status allows and where it leads, which steps
 * time allows, who may see the event in each status, and the fact each step publishes. The steps of
 * an event's registrations are checked here too, against the event's status and times, so that
 * nothing changes at a cancelled, ended or closed event that should not.
 */
public final class EventLifecycle {

    /**
     * Status → step → the status it leads to; a step not listed is refused in that status. The steps of
     * registrations, and describing, rescheduling or resizing, leave the status as it is.
     */
    private static final Map<EventStatus, Map<EventAction, EventStatus>> TRANSITIONS = new EnumMap<>(Map.of(
            DRAFT, Map.of(DESCRIBE, DRAFT, RESCHEDULE, DRAFT, CHANGE_CAPACITY, DRAFT, ANNOUNCE, ANNOUNCED, CANCEL, CANCELLED),
            ANNOUNCED, Map.ofEntries(
                    entry(DESCRIBE, ANNOUNCED), entry(RESCHEDULE, ANNOUNCED), entry(CHANGE_CAPACITY, ANNOUNCED),
                    entry(CLOSE_REGISTRATION, REGISTRATION_CLOSED), entry(COMPLETE, COMPLETED), entry(CANCEL, CANCELLED),
                    entry(REGISTER, ANNOUNCED), entry(PROMOTE, ANNOUNCED), entry(DECIDE, ANNOUNCED),
                    entry(CANCEL_REGISTRATION, ANNOUNCED), entry(CANCEL_OWN_REGISTRATION, ANNOUNCED), entry(CHECK_IN, ANNOUNCED)),
            REGISTRATION_CLOSED, Map.ofEntries(
                    entry(DESCRIBE, REGISTRATION_CLOSED), entry(RESCHEDULE, REGISTRATION_CLOSED),
                    entry(CHANGE_CAPACITY, REGISTRATION_CLOSED), entry(COMPLETE, COMPLETED), entry(CANCEL, CANCELLED),
                    entry(PROMOTE, REGISTRATION_CLOSED), entry(DECIDE, REGISTRATION_CLOSED),
                    entry(CANCEL_REGISTRATION, REGISTRATION_CLOSED), entry(CANCEL_OWN_REGISTRATION, REGISTRATION_CLOSED),
                    entry(CHECK_IN, REGISTRATION_CLOSED)),
            // Attendance may still be recorded afterwards, from the list signed at the door.
            COMPLETED, Map.of(CHECK_IN, COMPLETED),
            CANCELLED, Map.of()));

    /** Who sees an event: organizers only, everyone in the catalogue, or anyone with its link. */
    public enum Visibility { ORGANIZERS, LISTED, BY_LINK }

    private static final Map<EventStatus, Visibility> VISIBILITY = new EnumMap<>(Map.of(
            DRAFT, Visibility.ORGANIZERS,
            ANNOUNCED, Visibility.LISTED,
            REGISTRATION_CLOSED, Visibility.LISTED,
            COMPLETED, Visibility.BY_LINK,
            CANCELLED, Visibility.BY_LINK));

    /** A step that its status allows may still need the right moment: {@code holds}, or refused as {@code problem}. */
    private record TimeRule(String problem, BiPredicate<EventRecord, Instant> holds) {
    }

    private static final Map<EventAction, TimeRule> TIME_RULES = new EnumMap<>(Map.of(
            ANNOUNCE, new TimeRule("event-already-started", (e, now) -> now.isBefore(e.schedule().startsAt())),
            COMPLETE, new TimeRule("event-not-started", (e, now) -> !now.isBefore(e.schedule().startsAt())),
            CANCEL, new TimeRule("event-ended", (e, now) -> now.isBefore(e.schedule().endsAt())),
            REGISTER, new TimeRule("registration-closed", EventLifecycle::registrationOpenAt),
            PROMOTE, new TimeRule("event-already-started", (e, now) -> now.isBefore(e.schedule().startsAt())),
            DECIDE, new TimeRule("event-ended", (e, now) -> now.isBefore(e.schedule().endsAt())),
            CANCEL_OWN_REGISTRATION, new TimeRule("cancellation-deadline-passed",
                    (e, now) -> now.isBefore(e.cancellationDeadline() != null ? e.cancellationDeadline() : e.schedule().startsAt()))));

    /** The new status and the fact the step publishes (none while the event is a draft). */
    public record Transition(EventStatus to, Optional<CatalogueEvent> fact) {
    }

    /** What is wrong with a registration window, if anything. */
    public enum WindowProblem {
        /** It must close after it opens. */
        CLOSES_BEFORE_OPENING,
        /** It must close no later than the event's end. */
        CLOSES_AFTER_END,
        /** With no closing time it closes at the start, so it must open before. */
        OPENS_AFTER_START
    }

    private EventLifecycle() {
    }

    /** The status the step leads to, if the event's status and the time allow it. */
    public static EventStatus check(EventRecord event, EventAction action, Instant now) {
        EventStatus next = TRANSITIONS.get(event.status()).get(action);
        if (next == null) {
            throw new EventStepRefusedException(refusalByStatus(event.status(), action), event, action,
                    allowed(event.status()));
        }
        TimeRule rule = TIME_RULES.get(action);
        if (rule != null && !rule.holds().test(event, now)) {
            throw new EventStepRefusedException(rule.problem(), event, action, null);
        }
        return next;
    }

    public static boolean allows(EventRecord event, EventAction action, Instant now) {
        TimeRule rule = TIME_RULES.get(action);
        return TRANSITIONS.get(event.status()).containsKey(action) && (rule == null || rule.holds().test(event, now));
    }

    /** The steps the status allows, in the order of {@link EventAction}. */
    public static Set<EventAction> allowed(EventStatus status) {
        Set<EventAction> allowed = EnumSet.noneOf(EventAction.class);
        allowed.addAll(TRANSITIONS.get(status).keySet());
        return allowed;
    }

    /** The statuses that allow the step, e.g. to select rows in SQL. */
    public static Set<EventStatus> statusesAllowing(EventAction action) {
        return statusesWhere(status -> TRANSITIONS.get(status).containsKey(action));
    }

    public static Set<EventStatus> statusesWhere(Predicate<EventStatus> condition) {
        Set<EventStatus> statuses = EnumSet.noneOf(EventStatus.class);
        for (EventStatus status : EventStatus.values()) {
            if (condition.test(status)) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    public static Visibility visibility(EventStatus status) {
        return VISIBILITY.get(status);
    }

    /** Registration is open from its opening (or the announcement) until its closing time, or else until the start. */
    public static boolean registrationOpenAt(EventRecord event, Instant now) {
        return (event.registrationOpensAt() == null || !now.isBefore(event.registrationOpensAt()))
                && now.isBefore(registrationClosesAt(event));
    }

    public static Instant registrationClosesAt(EventRecord event) {
        return event.registrationClosesAt() != null ? event.registrationClosesAt() : event.schedule().startsAt();
    }

    /**
     * The step that time itself takes now, if any: registration closes when its window has ended, and the
     * event completes when it has ended.
     */
    public static Optional<EventCommand> due(EventRecord event, Instant now) {
        if (TRANSITIONS.get(event.status()).containsKey(CLOSE_REGISTRATION) && !now.isBefore(registrationClosesAt(event))) {
            return Optional.of(new EventCommand.CloseRegistration());
        }
        if (TRANSITIONS.get(event.status()).containsKey(COMPLETE) && !now.isBefore(event.schedule().endsAt())) {
            return Optional.of(new EventCommand.Complete());
        }
        return Optional.empty();
    }

    /**
     * A registration window against the event's times; a null time is not checked. It must close after
     * it opens and no later than the end; without a closing time it closes at the start.
     */
    public static Optional<WindowProblem> windowProblem(Instant opensAt, Instant closesAt, Instant startsAt, Instant endsAt) {
        if (closesAt != null && opensAt != null && !closesAt.isAfter(opensAt)) {
            return Optional.of(WindowProblem.CLOSES_BEFORE_OPENING);
        }
        if (closesAt != null && endsAt != null && closesAt.isAfter(endsAt)) {
            return Optional.of(WindowProblem.CLOSES_AFTER_END);
        }
        if (closesAt == null && opensAt != null && startsAt != null && !opensAt.isBefore(startsAt)) {
            return Optional.of(WindowProblem.OPENS_AFTER_START);
        }
        return Optional.empty();
    }

    /** The schedule after a move: once the event is public, its revision grows so that calendars update. */
    public static Schedule rescheduled(EventRecord event, EventCommand.Reschedule move) {
        return new Schedule(move.startsAt(), move.endsAt(), move.timeZone(),
                event.schedule().revision() + (isPublic(event.status()) ? 1 : 0));
    }

    /** Checks the step and says where it leads, with the fact it publishes once the event is public. */
    public static Transition decide(EventRecord event, EventCommand command, Instant now) {
        EventStatus to = check(event, command.action(), now);
        if (!isPublic(event.status()) && !(command instanceof EventCommand.Announce)) {
            return new Transition(to, Optional.empty());   // a draft publishes nothing
        }
        CatalogueEvent fact = switch (command) {
            case EventCommand.Announce ignored -> new EventAnnounced(event.id(), event.details(), now);
            case EventCommand.Describe describe -> new EventUpdated(event.id(), event.describedAs(describe.description()).details(), now);
            case EventCommand.Reschedule move -> new EventRescheduled(event.id(), event.title(), event.schedule(),
                    rescheduled(event, move), now);
            case EventCommand.ChangeCapacity change -> new EventCapacityChanged(event.id(), event.capacity(), change.capacity(), now);
            case EventCommand.CloseRegistration ignored -> new EventRegistrationClosed(event.id(), event.title(), event.schedule(), now);
            case EventCommand.Complete ignored -> new EventCompleted(event.id(), event.title(), event.schedule(), now);
            case EventCommand.Cancel cancel -> new EventCancelled(event.id(), event.title(), event.schedule(), cancel.reason(), now);
        };
        return new Transition(to, Optional.of(fact));
    }

    private static boolean isPublic(EventStatus status) {
        return VISIBILITY.get(status) != Visibility.ORGANIZERS;
    }

    /** Registering has its own answer; the other registration steps say what became of the event. */
    private static String refusalByStatus(EventStatus status, EventAction action) {
        if (!action.onRegistration()) {
            return "event-status-conflict";
        }
        if (action == REGISTER) {
            return "registration-closed";
        }
        return switch (status) {
            case CANCELLED -> "event-cancelled";
            case COMPLETED -> "event-ended";
            default -> "event-status-conflict";
        };
    }
}
