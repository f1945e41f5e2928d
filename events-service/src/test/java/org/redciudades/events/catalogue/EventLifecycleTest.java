package org.redciudades.events.catalogue;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.redciudades.events.catalogue.AnEvent.END;
import static org.redciudades.events.catalogue.AnEvent.START;
import static org.redciudades.events.catalogue.EventAction.*;
import static org.redciudades.events.catalogue.EventStatus.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.redciudades.chassis.envelope.EventTypes;
import org.redciudades.events.catalogue.EventLifecycle.Visibility;
import org.redciudades.events.catalogue.EventLifecycle.WindowProblem;

class EventLifecycleTest {

    /** The specification: every allowed step; any (status, action) pair not listed here must be refused. */
    static final Map<EventStatus, Map<EventAction, EventStatus>> ALLOWED = Map.of(
            DRAFT, Map.of(DESCRIBE, DRAFT, RESCHEDULE, DRAFT, CHANGE_CAPACITY, DRAFT, ANNOUNCE, ANNOUNCED, CANCEL, CANCELLED),
            ANNOUNCED, Map.ofEntries(entry(DESCRIBE, ANNOUNCED), entry(RESCHEDULE, ANNOUNCED),
                    entry(CHANGE_CAPACITY, ANNOUNCED), entry(CLOSE_REGISTRATION, REGISTRATION_CLOSED),
                    entry(COMPLETE, COMPLETED), entry(CANCEL, CANCELLED), entry(REGISTER, ANNOUNCED),
                    entry(PROMOTE, ANNOUNCED), entry(DECIDE, ANNOUNCED), entry(CANCEL_REGISTRATION, ANNOUNCED),
                    entry(CANCEL_OWN_REGISTRATION, ANNOUNCED), entry(CHECK_IN, ANNOUNCED)),
            REGISTRATION_CLOSED, Map.ofEntries(entry(DESCRIBE, REGISTRATION_CLOSED), entry(RESCHEDULE, REGISTRATION_CLOSED),
                    entry(CHANGE_CAPACITY, REGISTRATION_CLOSED), entry(COMPLETE, COMPLETED), entry(CANCEL, CANCELLED),
                    entry(PROMOTE, REGISTRATION_CLOSED), entry(DECIDE, REGISTRATION_CLOSED),
                    entry(CANCEL_REGISTRATION, REGISTRATION_CLOSED), entry(CANCEL_OWN_REGISTRATION, REGISTRATION_CLOSED),
                    entry(CHECK_IN, REGISTRATION_CLOSED)),
            COMPLETED, Map.of(CHECK_IN, COMPLETED),
            CANCELLED, Map.of());

    /** The fact each of the event's own steps publishes once the event is public; a draft publishes nothing. */
    static final Map<EventAction, String> FACT = Map.of(
            ANNOUNCE, "org.redciudades.events.event.announced.v1",
            DESCRIBE, "org.redciudades.events.event.updated.v1",
            RESCHEDULE, "org.redciudades.events.event.rescheduled.v1",
            CHANGE_CAPACITY, "org.redciudades.events.event.capacity-changed.v1",
            CLOSE_REGISTRATION, "org.redciudades.events.event.registration-closed.v1",
            COMPLETE, "org.redciudades.events.event.completed.v1",
            CANCEL, "org.redciudades.events.event.cancelled.v1");

    /** How a step refused by the event's status is answered. */
    static String refusal(EventStatus status, EventAction action) {
        if (action == REGISTER) {
            return "registration-closed";
        }
        if (action.onRegistration() && status == CANCELLED) {
            return "event-cancelled";
        }
        if (action.onRegistration() && status == COMPLETED) {
            return "event-ended";
        }
        return "event-status-conflict";
    }

    static List<Arguments> everyStatusAndAction() {
        List<Arguments> pairs = new ArrayList<>();
        for (EventStatus status : EventStatus.values()) {
            for (EventAction action : EventAction.values()) {
                pairs.add(Arguments.of(status, action));
            }
        }
        return pairs;
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyStatusAndAction")
    void every_status_and_action_pair_either_moves_as_specified_publishing_its_fact_or_is_refused(EventStatus status,
                                                                                                 EventAction action) {
        EventRecord event = AnEvent.in(status).record();
        Instant now = action == COMPLETE ? START.plus(Duration.ofHours(1)) : START.minus(Duration.ofDays(1));
        EventStatus expected = ALLOWED.get(status).get(action);
        if (expected == null) {
            assertThatThrownBy(() -> EventLifecycle.check(event, action, now))
                    .isInstanceOfSatisfying(EventStepRefusedException.class, e -> {
                        assertThat(e.slug()).isEqualTo(refusal(status, action));
                        assertThat(e.current()).isEqualTo(status);
                        assertThat(e.allowed()).isEqualTo(ALLOWED.get(status).keySet());
                    });
            assertThat(EventLifecycle.allows(event, action, now)).isFalse();
        } else if (action.onRegistration()) {
            assertThat(EventLifecycle.check(event, action, now)).isEqualTo(expected);
            assertThat(EventLifecycle.allows(event, action, now)).isTrue();
        } else {
            EventLifecycle.Transition transition = EventLifecycle.decide(event, command(action), now);
            assertThat(transition.to()).isEqualTo(expected);
            assertThat(transition.fact().map(fact -> EventTypes.of(fact.getClass())))
                    .isEqualTo(status == DRAFT && action != ANNOUNCE ? Optional.empty() : Optional.of(FACT.get(action)));
        }
    }

    /** Steps that their status allows but the moment does not: (status, action, moment, how it is refused). */
    static List<Arguments> stepsAtTheWrongMoment() {
        Instant afterStart = START.plus(Duration.ofMinutes(1));
        Instant afterEnd = END.plus(Duration.ofMinutes(1));
        return List.of(
                Arguments.of(AnEvent.in(DRAFT), ANNOUNCE, afterStart, "event-already-started"),
                Arguments.of(AnEvent.in(ANNOUNCED), COMPLETE, START.minusSeconds(1), "event-not-started"),
                Arguments.of(AnEvent.in(ANNOUNCED), CANCEL, afterEnd, "event-ended"),
                Arguments.of(AnEvent.in(ANNOUNCED), REGISTER, START, "registration-closed"),
                Arguments.of(AnEvent.in(ANNOUNCED).withWindow(START.minus(Duration.ofDays(2)), null),
                        REGISTER, START.minus(Duration.ofDays(3)), "registration-closed"),
                Arguments.of(AnEvent.in(ANNOUNCED).withWindow(null, START.minus(Duration.ofDays(2))),
                        REGISTER, START.minus(Duration.ofDays(1)), "registration-closed"),
                Arguments.of(AnEvent.in(ANNOUNCED).withWindow(null, START.plus(Duration.ofHours(1))),
                        REGISTER, afterEnd, "registration-closed"),
                Arguments.of(AnEvent.in(REGISTRATION_CLOSED), PROMOTE, afterStart, "event-already-started"),
                Arguments.of(AnEvent.in(REGISTRATION_CLOSED), DECIDE, afterEnd, "event-ended"),
                Arguments.of(AnEvent.in(ANNOUNCED), CANCEL_OWN_REGISTRATION, START, "cancellation-deadline-passed"),
                Arguments.of(AnEvent.in(ANNOUNCED).withCancellationDeadline(START.minus(Duration.ofDays(2))),
                        CANCEL_OWN_REGISTRATION, START.minus(Duration.ofDays(1)), "cancellation-deadline-passed"));
    }

    @ParameterizedTest(name = "{1} at {2}: {3}")
    @MethodSource("stepsAtTheWrongMoment")
    void a_step_its_status_allows_is_refused_at_the_wrong_moment(AnEvent event, EventAction action, Instant now,
                                                                 String refusal) {
        assertThatThrownBy(() -> EventLifecycle.check(event.record(), action, now))
                .isInstanceOfSatisfying(EventStepRefusedException.class, e -> {
                    assertThat(e.slug()).isEqualTo(refusal);
                    assertThat(e.allowed()).as("refused by time, not by status").isNull();
                });
        assertThat(EventLifecycle.allows(event.record(), action, now)).isFalse();
    }

    @Test
    void an_organizers_closing_time_keeps_registration_open_after_the_start_until_then() {
        EventRecord event = AnEvent.in(ANNOUNCED).withWindow(null, START.plus(Duration.ofHours(1))).record();

        assertThat(EventLifecycle.allows(event, REGISTER, START.plus(Duration.ofMinutes(59)))).isTrue();
        assertThat(EventLifecycle.allows(event, REGISTER, START.plus(Duration.ofHours(1)))).isFalse();
    }

    @Test
    void time_closes_registration_at_the_end_of_its_window_and_completes_the_event_at_its_end() {
        EventRecord open = AnEvent.in(ANNOUNCED).record();
        EventRecord closingEarly = AnEvent.in(ANNOUNCED).withWindow(null, START.minus(Duration.ofDays(1))).record();
        EventRecord closed = AnEvent.in(REGISTRATION_CLOSED).record();

        assertThat(EventLifecycle.due(open, START.minusMillis(1))).isEmpty();
        assertThat(EventLifecycle.due(open, START)).containsInstanceOf(EventCommand.CloseRegistration.class);
        assertThat(EventLifecycle.due(open, END)).as("closing comes first").containsInstanceOf(EventCommand.CloseRegistration.class);
        assertThat(EventLifecycle.due(closingEarly, START.minus(Duration.ofDays(1)))).containsInstanceOf(EventCommand.CloseRegistration.class);
        assertThat(EventLifecycle.due(closed, END.minusMillis(1))).isEmpty();
        assertThat(EventLifecycle.due(closed, END)).containsInstanceOf(EventCommand.Complete.class);
        for (EventStatus untouched : List.of(DRAFT, COMPLETED, CANCELLED)) {
            assertThat(EventLifecycle.due(AnEvent.in(untouched).record(), END.plus(Duration.ofDays(1)))).as("%s", untouched).isEmpty();
        }
    }

    @Test
    void a_registration_window_opens_before_it_closes_and_closes_no_later_than_the_end() {
        Instant opens = START.minus(Duration.ofDays(10));
        assertThat(EventLifecycle.windowProblem(opens, START.minus(Duration.ofDays(1)), START, END)).isEmpty();
        assertThat(EventLifecycle.windowProblem(null, END, START, END)).as("until the very end").isEmpty();
        assertThat(EventLifecycle.windowProblem(null, null, START, END)).isEmpty();
        assertThat(EventLifecycle.windowProblem(opens, opens, START, END)).contains(WindowProblem.CLOSES_BEFORE_OPENING);
        assertThat(EventLifecycle.windowProblem(null, END.plusSeconds(1), START, END)).contains(WindowProblem.CLOSES_AFTER_END);
        assertThat(EventLifecycle.windowProblem(START, null, START, END)).contains(WindowProblem.OPENS_AFTER_START);
        assertThat(EventLifecycle.windowProblem(START, END, START, END)).as("opens at the start, closes later").isEmpty();
    }

    @Test
    void drafts_are_for_organizers_only_and_the_catalogue_lists_events_open_or_closed_for_registration() {
        assertThat(EventLifecycle.statusesWhere(s -> EventLifecycle.visibility(s) == Visibility.ORGANIZERS)).containsExactly(DRAFT);
        assertThat(EventLifecycle.statusesWhere(s -> EventLifecycle.visibility(s) == Visibility.LISTED))
                .containsExactly(ANNOUNCED, REGISTRATION_CLOSED);
    }

    static EventCommand command(EventAction action) {
        return switch (action) {
            case DESCRIBE -> new EventCommand.Describe(new Catalogue.Description("Taller", null, null, null, "VIRTUAL", null,
                    "https://meet.example.org/taller", null, null, null));
            case RESCHEDULE -> new EventCommand.Reschedule(START.plus(Duration.ofDays(7)), END.plus(Duration.ofDays(7)),
                    "America/Guatemala");
            case CHANGE_CAPACITY -> new EventCommand.ChangeCapacity(40);
            case ANNOUNCE -> new EventCommand.Announce();
            case CLOSE_REGISTRATION -> new EventCommand.CloseRegistration();
            case COMPLETE -> new EventCommand.Complete();
            case CANCEL -> new EventCommand.Cancel("Alerta por lluvias intensas");
            default -> throw new IllegalArgumentException(action + " is a step on a registration");
        };
    }
}
