package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.redciudades.events.catalogue.AnEvent.START;
import static org.redciudades.events.registration.RegistrationAction.*;
import static org.redciudades.events.registration.RegistrationStatus.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.redciudades.chassis.envelope.EventTypes;
import org.redciudades.chassis.web.ProblemException;
import org.redciudades.events.catalogue.AnEvent;
import org.redciudades.events.catalogue.EventRecord;
import org.redciudades.events.catalogue.EventStatus;
import org.redciudades.events.catalogue.EventStepRefusedException;
import org.redciudades.events.registration.RegistrationEvent.Attendee;
import org.redciudades.events.registration.RegistrationEvent.CancelledBy;

class RegistrationLifecycleTest {

    /**
     * The specification: every allowed step; any (status, action) pair not listed here must be refused.
     * A step back to the same status is a repeat: nothing changes, nothing is published.
     */
    static final Map<RegistrationStatus, Map<RegistrationAction, RegistrationStatus>> ALLOWED = Map.of(
            CONFIRMED, Map.of(APPROVE, CONFIRMED, CANCEL, CANCELLED, CHECK_IN, ATTENDED),
            PENDING_APPROVAL, Map.of(APPROVE, CONFIRMED, REJECT, REJECTED, CANCEL, CANCELLED),
            WAITLISTED, Map.of(PROMOTE, CONFIRMED, REJECT, REJECTED, CANCEL, CANCELLED),
            ATTENDED, Map.of(CHECK_IN, ATTENDED),
            CANCELLED, Map.of(CANCEL, CANCELLED),
            REJECTED, Map.of(REJECT, REJECTED, CANCEL, REJECTED));

    static final Map<RegistrationAction, String> FACT = Map.of(
            PROMOTE, "org.redciudades.events.registration.promoted.v1",
            APPROVE, "org.redciudades.events.registration.approved.v1",
            REJECT, "org.redciudades.events.registration.rejected.v1",
            CANCEL, "org.redciudades.events.registration.cancelled.v1",
            CHECK_IN, "org.redciudades.events.attendance.recorded.v1");

    static final Instant BEFORE = START.minus(Duration.ofDays(1));

    static List<Arguments> everyStatusAndAction() {
        List<Arguments> pairs = new ArrayList<>();
        for (RegistrationStatus status : RegistrationStatus.values()) {
            for (RegistrationAction action : RegistrationAction.values()) {
                pairs.add(Arguments.of(status, action));
            }
        }
        return pairs;
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyStatusAndAction")
    void every_status_and_action_pair_either_moves_as_specified_publishing_its_fact_or_is_refused(RegistrationStatus status,
                                                                                                 RegistrationAction action) {
        Registration registration = registration(status);
        EventRecord event = AnEvent.in(EventStatus.ANNOUNCED).record();
        RegistrationStatus expected = ALLOWED.get(status).get(action);
        if (expected == null) {
            assertThatThrownBy(() -> RegistrationLifecycle.decide(registration, command(action), event, BEFORE))
                    .isInstanceOfSatisfying(RegistrationStepRefusedException.class, e -> {
                        assertThat(e.slug()).isEqualTo("registration-status-conflict");
                        assertThat(e.current()).isEqualTo(status);
                        assertThat(e.allowed()).isEqualTo(ALLOWED.get(status).keySet());
                    });
        } else {
            RegistrationLifecycle.Transition transition = RegistrationLifecycle.decide(registration, command(action), event, BEFORE);
            assertThat(transition.to()).isEqualTo(expected);
            assertThat(transition.fact().map(fact -> EventTypes.of(fact.getClass())))
                    .isEqualTo(expected == status ? Optional.empty() : Optional.of(FACT.get(action)));
        }
    }

    /** Each step that would move a registration, at an event in each status that its own table refuses it in. */
    static List<Arguments> everyMoveAtAnEventThatRefusesIt() {
        return List.of(
                Arguments.of(PENDING_APPROVAL, APPROVE, EventStatus.CANCELLED, "event-cancelled"),
                Arguments.of(PENDING_APPROVAL, APPROVE, EventStatus.COMPLETED, "event-ended"),
                Arguments.of(PENDING_APPROVAL, REJECT, EventStatus.CANCELLED, "event-cancelled"),
                Arguments.of(WAITLISTED, REJECT, EventStatus.COMPLETED, "event-ended"),
                Arguments.of(WAITLISTED, PROMOTE, EventStatus.CANCELLED, "event-cancelled"),
                Arguments.of(WAITLISTED, PROMOTE, EventStatus.COMPLETED, "event-ended"),
                Arguments.of(CONFIRMED, CANCEL, EventStatus.CANCELLED, "event-cancelled"),
                Arguments.of(CONFIRMED, CANCEL, EventStatus.COMPLETED, "event-ended"),
                Arguments.of(CONFIRMED, CHECK_IN, EventStatus.CANCELLED, "event-cancelled"));
    }

    @ParameterizedTest(name = "{0} + {1} at a {2} event")
    @MethodSource("everyMoveAtAnEventThatRefusesIt")
    void a_step_the_registration_allows_is_refused_when_its_event_does_not(RegistrationStatus status, RegistrationAction action,
                                                                           EventStatus eventStatus, String refusal) {
        assertThatThrownBy(() -> RegistrationLifecycle.decide(registration(status), command(action),
                AnEvent.in(eventStatus).record(), BEFORE))
                .isInstanceOfSatisfying(EventStepRefusedException.class, e -> assertThat(e.slug()).isEqualTo(refusal));
    }

    @Test
    void a_repeat_at_a_cancelled_event_changes_nothing_and_is_not_refused() {
        EventRecord cancelled = AnEvent.in(EventStatus.CANCELLED).record();

        assertThat(RegistrationLifecycle.decide(registration(CANCELLED), command(CANCEL), cancelled, BEFORE).fact()).isEmpty();
        assertThat(RegistrationLifecycle.decide(registration(CONFIRMED), command(APPROVE), cancelled, BEFORE).fact()).isEmpty();
    }

    @Test
    void an_attendee_cancels_only_until_the_deadline_and_organizers_until_the_event_ends() {
        EventRecord started = AnEvent.in(EventStatus.REGISTRATION_CLOSED).record();
        Instant during = START.plus(Duration.ofMinutes(30));

        assertThatThrownBy(() -> RegistrationLifecycle.decide(registration(CONFIRMED),
                new RegistrationCommand.Cancel(CancelledBy.ATTENDEE), started, during))
                .isInstanceOfSatisfying(EventStepRefusedException.class,
                        e -> assertThat(e.slug()).isEqualTo("cancellation-deadline-passed"));
        assertThat(RegistrationLifecycle.decide(registration(CONFIRMED),
                new RegistrationCommand.Cancel(CancelledBy.ORGANIZER), started, during).to()).isEqualTo(CANCELLED);
    }

    @Test
    void a_promotion_holds_the_seat_for_approval_when_the_event_needs_it_and_never_happens_once_it_has_started() {
        RegistrationLifecycle.Transition held = RegistrationLifecycle.decide(registration(WAITLISTED), command(PROMOTE),
                AnEvent.in(EventStatus.ANNOUNCED).withApproval().record(), BEFORE);

        assertThat(held.to()).isEqualTo(PENDING_APPROVAL);
        assertThat(held.fact().map(fact -> EventTypes.of(fact.getClass())))
                .contains("org.redciudades.events.registration.pending-approval.v1");
        assertThatThrownBy(() -> RegistrationLifecycle.decide(registration(WAITLISTED), command(PROMOTE),
                AnEvent.in(EventStatus.REGISTRATION_CLOSED).record(), START))
                .isInstanceOfSatisfying(EventStepRefusedException.class, e -> assertThat(e.slug()).isEqualTo("event-already-started"));
    }

    @Test
    void a_registration_starts_confirmed_held_for_approval_or_waiting_and_is_refused_when_there_is_no_room_at_all() {
        Attendee ana = new Attendee("Ana", "ana@municipio.example.gt", "es-MX", null, null);
        AnEvent event = AnEvent.in(EventStatus.ANNOUNCED);

        assertThat(start(ana, event, true)).isEqualTo(CONFIRMED);
        assertThat(start(ana, event.withApproval(), true)).isEqualTo(PENDING_APPROVAL);
        assertThat(start(ana, event, false)).isEqualTo(WAITLISTED);
        assertThatThrownBy(() -> start(ana, event.withoutWaitlist(), false))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("event-full"));
        assertThat(RegistrationLifecycle.starts()).containsExactlyInAnyOrder(CONFIRMED, PENDING_APPROVAL, WAITLISTED);
    }

    @Test
    void a_seat_is_held_by_the_confirmed_the_attended_and_those_pending_and_cancelled_or_rejected_ones_are_no_longer_in_the_event() {
        assertThat(RegistrationLifecycle.statusesWhere(RegistrationLifecycle::holdsSeat))
                .containsExactlyInAnyOrder(CONFIRMED, ATTENDED, PENDING_APPROVAL);
        assertThat(RegistrationLifecycle.statusesWhere(RegistrationLifecycle::seesOnlineLink)).containsExactlyInAnyOrder(CONFIRMED, ATTENDED);
        assertThat(RegistrationLifecycle.active()).containsExactlyInAnyOrder(CONFIRMED, ATTENDED, PENDING_APPROVAL, WAITLISTED);
        assertThat(RegistrationLifecycle.movedBy(PROMOTE)).containsExactly(WAITLISTED);
        assertThat(RegistrationLifecycle.movedBy(CANCEL)).containsExactlyInAnyOrder(CONFIRMED, PENDING_APPROVAL, WAITLISTED);
    }

    @Test
    void allows_says_a_step_may_be_taken_exactly_when_deciding_it_would_take_it() {
        List<RegistrationCommand> commands = new ArrayList<>();
        for (RegistrationAction action : RegistrationAction.values()) {
            commands.add(command(action));
        }
        commands.add(new RegistrationCommand.Cancel(CancelledBy.ATTENDEE));
        List<Instant> moments = List.of(BEFORE, START.minus(Duration.ofHours(1)), START.plus(Duration.ofMinutes(30)),
                AnEvent.END.plus(Duration.ofHours(1)));
        for (RegistrationStatus status : RegistrationStatus.values()) {
            for (RegistrationCommand command : commands) {
                for (EventStatus eventStatus : EventStatus.values()) {
                    for (AnEvent event : List.of(AnEvent.in(eventStatus),
                            AnEvent.in(eventStatus).withCancellationDeadline(START.minus(Duration.ofDays(2))))) {
                        for (Instant now : moments) {
                            Registration registration = registration(status);
                            boolean taken;
                            try {
                                taken = RegistrationLifecycle.decide(registration, command, event.record(), now).fact().isPresent();
                            } catch (ProblemException refused) {
                                taken = false;
                            }
                            assertThat(RegistrationLifecycle.allows(registration, command, event.record(), now))
                                    .as("%s + %s at a %s event %s, at %s", status, command, eventStatus, event, now)
                                    .isEqualTo(taken);
                        }
                    }
                }
            }
        }
    }

    private static RegistrationStatus start(Attendee attendee, AnEvent event, boolean seat) {
        return RegistrationLifecycle.start(UUID.randomUUID(), attendee, event.record(), seat, BEFORE).to();
    }

    static RegistrationCommand command(RegistrationAction action) {
        return switch (action) {
            case PROMOTE -> new RegistrationCommand.Promote();
            case APPROVE -> new RegistrationCommand.Approve();
            case REJECT -> new RegistrationCommand.Reject("El taller es para personal técnico");
            case CANCEL -> new RegistrationCommand.Cancel(CancelledBy.ORGANIZER);
            case CHECK_IN -> new RegistrationCommand.CheckIn();
        };
    }

    static Registration registration(RegistrationStatus status) {
        return new Registration(UUID.randomUUID(), UUID.randomUUID(), "ana@municipio.example.gt", "Ana", "es-MX", null,
                status, 1, BEFORE.minus(Duration.ofDays(10)), status == ATTENDED ? START : null, "subject-1", false);
    }
}
