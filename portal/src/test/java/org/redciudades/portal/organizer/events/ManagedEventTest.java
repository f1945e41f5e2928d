package org.redciudades.portal.organizer.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.portal.catalogue.EventTimes;

/** Which steps an organizer is offered, by the event's status and the time, as events-service's lifecycle allows. */
class ManagedEventTest {

    static final Instant STARTS = Instant.parse("2027-08-18T15:00:00Z");
    static final Instant ENDS = Instant.parse("2027-08-18T23:00:00Z");
    static final Instant BEFORE = STARTS.minusSeconds(86_400);
    static final Instant DURING = STARTS.plusSeconds(3_600);
    static final Instant AFTER = ENDS.plusSeconds(3_600);

    final EventTimes times = mock(EventTimes.class);

    @Test
    void a_draft_may_be_described_announced_rescheduled_resized_and_cancelled_and_has_no_roster_yet() {
        ManagedEvent draft = event("DRAFT", BEFORE);

        assertThat(draft.mayDescribe()).isTrue();
        assertThat(draft.mayAnnounce()).isTrue();
        assertThat(draft.mayReschedule()).isTrue();
        assertThat(draft.mayChangeCapacity()).isTrue();
        assertThat(draft.mayCancel()).isTrue();
        assertThat(draft.hasRoster()).isFalse();
        assertThat(draft.mayCheckIn()).isFalse();
        assertThat(draft.mayCloseRegistration()).isFalse();
    }

    @Test
    void a_draft_whose_start_has_passed_can_no_longer_be_announced() {
        assertThat(event("DRAFT", DURING).mayAnnounce()).isFalse();
    }

    @Test
    void an_announced_event_closes_registration_and_checks_people_in_and_completes_only_once_started() {
        assertThat(event("ANNOUNCED", BEFORE).mayCloseRegistration()).isTrue();
        assertThat(event("ANNOUNCED", BEFORE).mayCheckIn()).isTrue();
        assertThat(event("ANNOUNCED", BEFORE).mayComplete()).isFalse();
        assertThat(event("ANNOUNCED", DURING).mayComplete()).isTrue();
        assertThat(event("REGISTRATION_CLOSED", DURING).mayCloseRegistration()).isFalse();
    }

    @Test
    void an_event_that_has_ended_can_no_longer_be_cancelled() {
        assertThat(event("ANNOUNCED", DURING).mayCancel()).isTrue();
        assertThat(event("ANNOUNCED", AFTER).mayCancel()).isFalse();
    }

    @Test
    void a_completed_event_still_takes_check_ins_from_the_list_signed_at_the_door_and_a_cancelled_one_nothing() {
        ManagedEvent completed = event("COMPLETED", AFTER);
        ManagedEvent cancelled = event("CANCELLED", BEFORE);

        assertThat(completed.mayCheckIn()).isTrue();
        assertThat(completed.mayDescribe() || completed.mayReschedule() || completed.mayCancel()).isFalse();
        assertThat(cancelled.mayCheckIn() || cancelled.mayDescribe() || cancelled.mayChangeCapacity()
                || cancelled.mayCancel()).isFalse();
        assertThat(cancelled.hasRoster()).isTrue();
    }

    @Test
    void the_seats_taken_are_the_capacity_less_the_seats_left() {
        ManagedEvent event = event("ANNOUNCED", BEFORE);

        assertThat(event.seatsTaken()).isEqualTo(7);
        assertThat(event.waiting()).isEqualTo(2);
    }

    private ManagedEvent event(String status, Instant now) {
        when(times.full(any(), any(), any(), any())).thenReturn(new EventTimes.Shown("18 de agosto", "hora"));
        OrganizerEvents.Event event = new OrganizerEvents.Event(UUID.randomUUID(), "BOOTCAMP", status, "Bootcamp",
                null, null, null, "IN_PERSON", new OrganizerEvents.Venue("Av. Reforma 1", "Ciudad de Guatemala", "GT"),
                null, STARTS, ENDS, "America/Guatemala", 10, 3, 2, true, "PUBLIC", null, false, null, null, null, null,
                0);
        return ManagedEvent.of(event, Locale.forLanguageTag("es-MX"), times, now);
    }
}
