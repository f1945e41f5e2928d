package org.redciudades.portal.organizer.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventFormTest {

    @Test
    void the_times_typed_are_the_events_clock_in_its_zone_and_become_offsets_for_events_service() {
        OrganizerEvents.Draft draft = form("IN_PERSON", "America/Guatemala", "", "Av. Reforma 1", "Ciudad de Guatemala")
                .toDraft();

        assertThat(draft.startsAt()).isEqualTo(OffsetDateTime.parse("2027-08-18T09:00-06:00"));
        assertThat(draft.endsAt()).isEqualTo(OffsetDateTime.parse("2027-08-18T17:00-06:00"));
        assertThat(draft.registrationClosesAt()).isEqualTo(OffsetDateTime.parse("2027-08-17T18:00-06:00"));
        assertThat(draft.timeZone()).isEqualTo("America/Guatemala");
    }

    @Test
    void mexico_citys_clock_in_a_summer_of_no_daylight_saving_reads_utc_minus_six() {
        OrganizerEvents.Draft draft = form("IN_PERSON", "America/Mexico_City", "", "Av. Juárez 1", "Ciudad de México")
                .toDraft();

        assertThat(draft.startsAt().toInstant()).isEqualTo(Instant.parse("2027-08-18T15:00:00Z"));
    }

    @Test
    void an_in_person_event_sends_no_link_and_a_virtual_one_no_venue_whatever_the_form_kept() {
        OrganizerEvents.Draft inPerson = form("IN_PERSON", "America/Guatemala", "https://meet.example.org/x",
                "Av. Reforma 1", "Ciudad de Guatemala").toDraft();
        OrganizerEvents.Draft virtual = form("VIRTUAL", "America/Guatemala", "https://meet.example.org/x",
                "Av. Reforma 1", "Ciudad de Guatemala").toDraft();
        OrganizerEvents.Draft hybrid = form("HYBRID", "America/Guatemala", "https://meet.example.org/x",
                "Av. Reforma 1", "Ciudad de Guatemala").toDraft();

        assertThat(inPerson.onlineLink()).isNull();
        assertThat(inPerson.venue()).isEqualTo(new OrganizerEvents.Venue("Av. Reforma 1", "Ciudad de Guatemala", "GT"));
        assertThat(virtual.venue()).isNull();
        assertThat(virtual.onlineLink()).isEqualTo("https://meet.example.org/x");
        assertThat(hybrid.venue()).isNotNull();
        assertThat(hybrid.onlineLink()).isNotNull();
    }

    @Test
    void empty_texts_are_left_out_and_the_titles_are_stripped() {
        EventForm form = new EventForm("BOOTCAMP", "  Bootcamp  ", " ", null, "", "VIRTUAL", null, null, "GT",
                "https://meet.example.org/x", "America/Guatemala", LocalDateTime.parse("2027-08-18T09:00"),
                LocalDateTime.parse("2027-08-18T17:00"), 30, true, "PUBLIC", null, false, null, null, null);

        OrganizerEvents.Draft draft = form.toDraft();

        assertThat(draft.titleEs()).isEqualTo("Bootcamp");
        assertThat(draft.titleEn()).isNull();
        assertThat(draft.descriptionEn()).isNull();
        assertThat(draft.registrationOpensAt()).isNull();
    }

    @Test
    void an_event_read_back_shows_its_times_on_its_own_clock() {
        OrganizerEvents.Event event = new OrganizerEvents.Event(UUID.randomUUID(), "COURSE", "ANNOUNCED", "Curso",
                "Course", null, null, "VIRTUAL", null, "https://meet.example.org/c",
                Instant.parse("2027-10-05T15:00:00Z"), Instant.parse("2027-10-05T19:00:00Z"), "America/Tegucigalpa",
                10, 10, 0, true, "PUBLIC", null, false, null, null, Instant.parse("2027-10-04T15:00:00Z"), null, 0);

        EventForm form = EventForm.of(event);

        assertThat(form.startsAt()).isEqualTo(LocalDateTime.parse("2027-10-05T09:00"));
        assertThat(form.cancellationDeadline()).isEqualTo(LocalDateTime.parse("2027-10-04T09:00"));
        assertThat(form.toDescription("America/Tegucigalpa").cancellationDeadline().toInstant())
                .isEqualTo(Instant.parse("2027-10-04T15:00:00Z"));
    }

    @Test
    void only_the_zones_of_the_networks_countries_are_offered() {
        assertThat(form("IN_PERSON", "America/Guatemala", "", "a", "b").knownZone()).isTrue();
        assertThat(form("IN_PERSON", "Europe/Madrid", "", "a", "b").knownZone()).isFalse();
    }

    private static EventForm form(String modality, String zone, String link, String address, String city) {
        return new EventForm("BOOTCAMP", "Bootcamp", "Bootcamp", "Texto", "Text", modality, address, city, "GT", link,
                zone, LocalDateTime.parse("2027-08-18T09:00"), LocalDateTime.parse("2027-08-18T17:00"), 30, true,
                "PUBLIC", null, false, null, LocalDateTime.parse("2027-08-17T18:00"), null);
    }
}
