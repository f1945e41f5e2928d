package org.redciudades.events;

import java.util.UUID;
import org.redciudades.chassis.testing.TestJson;

/** The body that drafts an event ({@code POST /api/v1/events}); null fields are not sent. */
public record EventDraft(String type, String titleEs, String titleEn, String descriptionEs, String descriptionEn,
                         String modality, Venue venue, String onlineLink, String startsAt, String endsAt,
                         String timeZone, int capacity, boolean waitlistEnabled, String audience, Integer memberQuota,
                         boolean requiresApproval, String registrationOpensAt, String registrationClosesAt) {

    public record Venue(String city, String country, String address) {
    }

    /**
     * A public hybrid workshop in Guatemala City on 10 March 2027, 9:00 to 13:00 there (15:00Z), for two
     * people with a waiting list, up to five per member institution, open as soon as it is announced. Its
     * title ends with a tag of its own.
     */
    public static EventDraft workshop() {
        return new EventDraft("WORKSHOP", "Taller de movilidad urbana " + UUID.randomUUID().toString().substring(0, 8),
                "Urban mobility workshop", "Diseño de calles completas.", "Complete streets design.", "HYBRID",
                new Venue("Ciudad de Guatemala", "GT", "6a Avenida 8-72, Zona 1"), "https://meet.example.org/movilidad",
                "2027-03-10T09:00:00-06:00", "2027-03-10T13:00:00-06:00", "America/Guatemala", 2, true, "PUBLIC", 5,
                false, null, null);
    }

    public EventDraft withCapacity(int seats) {
        return TestJson.with(this, "capacity", seats);
    }

    public EventDraft withMemberQuota(int perInstitution) {
        return TestJson.with(this, "memberQuota", perInstitution);
    }

    public EventDraft membersOnly() {
        return TestJson.with(this, "audience", "MEMBERS_ONLY");
    }

    public EventDraft withApproval() {
        return TestJson.with(this, "requiresApproval", true);
    }

    public EventDraft withoutVenue() {
        return TestJson.with(this, "venue", null);
    }

    /** The same event at other times, e.g. one that has already started. */
    public EventDraft between(java.time.Instant startsAt, java.time.Instant endsAt) {
        return TestJson.with(TestJson.with(this, "startsAt", startsAt.toString()), "endsAt", endsAt.toString());
    }

    public EventDraft endingAt(String endsAt) {
        return TestJson.with(this, "endsAt", endsAt);
    }

    public EventDraft withRegistrationWindow(String opensAt, String closesAt) {
        return TestJson.with(TestJson.with(this, "registrationOpensAt", opensAt), "registrationClosesAt", closesAt);
    }

    public String json() {
        return TestJson.write(this);
    }
}
