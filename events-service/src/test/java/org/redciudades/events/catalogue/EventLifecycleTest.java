package org.redciudades.events.catalogue;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

    /** The fact each of the event's own steps publishes once the event is public; a draft publishes nothing, nor closing or completing. */
    static final Map<EventAction, String> FACT = Map.of(
            ANNOUNCE, "org.redciudades.events.event.announced.v1",
            DESCRIBE, "org.redciudades.events.event.updated.v1",
            RESCHEDULE, "org.redciudades.events.event.rescheduled.v1",
            CHANGE_CAPACITY, "org.redciudades.events.event.capacity-changed.v1",
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
                    .isEqualTo(status == DRAFT && action != ANNOUNCE ? Optional.empty() : Optional.ofNullable(FACT.get(action)));
        }
    }

    /** Steps that their status allows but the moment does not: (status, action, moment, how it is refused). */
    static List<Arguments> stepsAtTheWrongMoment() {
        return List.of(
                Arguments.of(AnEvent.in(ANNOUNCED), COMPLETE, START.minusSeconds(1), "event-not-started"),
                Arguments.of(AnEvent.in(ANNOUNCED).withWindow(START.minus(Duration.ofDays(2)), null),
                        REGISTER, START.minus(Duration.ofDays(3)), "registration-closed"),
                Arguments.of(AnEvent.in(ANNOUNCED).withWindow(null, START.minus(Duration.ofDays(2))),
                        REGISTER, START.minus(Duration.ofDays(1)), "registration-closed"),
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
    void drafts_are_for_organizers_only_and_the_catalogue_lists_events_open_or_closed_for_registration() {
        assertThat(EventLifecycle.statusesWhere(s -> EventLifecycle.visibility(s) == Visibility.ORGANIZERS)).containsExactly(DRAFT);
        assertThat(EventLifecycle.statusesWhere(s -> EventLifecycle.visibility(s) == Visibility.LISTED))
                .containsExactly(ANNOUNCED, REGISTRATION_CLOSED);
    }

    static EventCommand command(EventAction action) {
        return switch (action) {
            case DESCRIBE -> new EventCommand.Describe(new Catalogue.Description("Taller", null, null, null, "VIRTUAL", null,
                    "https://meet.example.org/taller", null, null, null));
            case RESCHEDULE -> new EventCommand.Reschedule(START.plus(Duration.ofDays(7)), START.plus(Duration.ofDays(7)).plusSeconds(7200),
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
