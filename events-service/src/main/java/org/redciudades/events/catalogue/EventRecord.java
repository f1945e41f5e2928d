package org.redciudades.events.catalogue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.redciudades.events.catalogue.CatalogueEvent.Details;
import org.redciudades.events.catalogue.CatalogueEvent.Schedule;
import org.redciudades.events.catalogue.CatalogueEvent.Title;

/** One row of the {@code event} table, as the services that change an event read it under its lock. */
public record EventRecord(UUID id, EventKind type, Title title, Title description, String modality,
                          CatalogueEntry.Venue venue, String onlineLink, Schedule schedule, int capacity,
                          int seatsTaken, boolean waitlistEnabled, Instant registrationOpensAt,
                          Instant registrationClosesAt, Instant cancellationDeadline, String audience,
                          Integer memberQuota, boolean requiresApproval, EventStatus status) {

    public boolean membersOnly() {
        return "MEMBERS_ONLY".equals(audience);
    }

    /** The same event with another description, as {@link Catalogue#update} leaves it. */
    public EventRecord describedAs(Catalogue.Description d) {
        return new EventRecord(id, type, new Title(d.titleEs(), d.titleEn()), new Title(d.descriptionEs(), d.descriptionEn()),
                d.modality(), d.venue(), d.onlineLink(), schedule, capacity, seatsTaken, waitlistEnabled,
                d.registrationOpensAt(), d.registrationClosesAt(), d.cancellationDeadline(), audience, memberQuota,
                requiresApproval, status);
    }

    public Details details() {
        return new Details(type, title, description, modality, venue, schedule, capacity, waitlistEnabled, audience,
                registrationOpensAt, registrationClosesAt);
    }

    static EventRecord map(ResultSet rs, int row) throws SQLException {
        String city = rs.getString("venue_city");
        return new EventRecord(rs.getObject("id", UUID.class), EventKind.valueOf(rs.getString("type")),
                new Title(rs.getString("title_es"), rs.getString("title_en")),
                new Title(rs.getString("description_es"), rs.getString("description_en")),
                rs.getString("modality"),
                city == null ? null : new CatalogueEntry.Venue(city, rs.getString("venue_country"), rs.getString("venue_address")),
                rs.getString("online_link"),
                new Schedule(rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                        rs.getString("time_zone"), rs.getInt("schedule_revision")),
                rs.getInt("capacity"), rs.getInt("seats_taken"), rs.getBoolean("waitlist_enabled"),
                instant(rs.getTimestamp("registration_opens_at")), instant(rs.getTimestamp("registration_closes_at")),
                instant(rs.getTimestamp("cancellation_deadline")), rs.getString("audience"),
                (Integer) rs.getObject("member_quota"), rs.getBoolean("requires_approval"),
                EventStatus.valueOf(rs.getString("status")));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
