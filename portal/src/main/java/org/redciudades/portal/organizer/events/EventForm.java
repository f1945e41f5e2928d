package org.redciudades.portal.organizer.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * An event's draft as the organizer writes it: Spanish and English side by side, times as the event's clock reads them
 * in its zone (the browser's date and time fields), and what registration allows. Editing a draft later changes its
 * description here (titles, texts, modality, venue, link, windows); times and capacity have their own pages, and type,
 * audience, quota, approval and waiting list are set once, when drafting.
 */
public record EventForm(
        @NotBlank(message = "{org.events.error.type}") @Pattern(regexp = TYPES, message = "{org.events.error.type}") String type,
        @NotBlank(message = "{org.events.error.title-es}") @Size(max = 300, message = "{org.events.error.title-length}") String titleEs,
        @Size(max = 300, message = "{org.events.error.title-length}") String titleEn,
        @Size(max = 5000, message = "{org.events.error.description-length}") String descriptionEs,
        @Size(max = 5000, message = "{org.events.error.description-length}") String descriptionEn,
        @NotBlank(message = "{org.events.error.modality}") @Pattern(regexp = "VIRTUAL|IN_PERSON|HYBRID", message = "{org.events.error.modality}") String modality,
        @Size(max = 300, message = "{org.events.error.address-length}") String venueAddress,
        @Size(max = 120, message = "{org.events.error.city-length}") String venueCity,
        @Pattern(regexp = "[A-Z]{2}", message = "{org.events.error.country}") String venueCountry,
        @Size(max = 500, message = "{org.events.error.online-link}") @Pattern(regexp = "https://\\S+", message = "{org.events.error.online-link}") String onlineLink,
        @NotBlank(message = "{org.events.error.time-zone}") String timeZone,
        @NotNull(message = "{org.events.error.starts-at}") @DateTimeFormat(pattern = LOCAL) LocalDateTime startsAt,
        @NotNull(message = "{org.events.error.ends-at}") @DateTimeFormat(pattern = LOCAL) LocalDateTime endsAt,
        @NotNull(message = "{org.events.error.capacity}") @Min(value = 0, message = "{org.events.error.capacity}") @Max(value = 100_000, message = "{org.events.error.capacity}") Integer capacity,
        boolean waitlistEnabled,
        @NotBlank(message = "{org.events.error.audience}") @Pattern(regexp = "PUBLIC|MEMBERS_ONLY", message = "{org.events.error.audience}") String audience,
        @Positive(message = "{org.events.error.member-quota}") @Max(value = 100_000, message = "{org.events.error.member-quota}") Integer memberQuota,
        boolean requiresApproval,
        @DateTimeFormat(pattern = LOCAL) LocalDateTime registrationOpensAt,
        @DateTimeFormat(pattern = LOCAL) LocalDateTime registrationClosesAt,
        @DateTimeFormat(pattern = LOCAL) LocalDateTime cancellationDeadline) {

    static final String TYPES = "BOOTCAMP|WORKSHOP|COURSE|DIPLOMA|SITE_VISIT|IN_PERSON_MEETING|SUMMIT";
    /** What the browser's {@code datetime-local} fields send and show. */
    static final String LOCAL = "yyyy-MM-dd'T'HH:mm";
    /** The zones of the network's countries, Mexico's first: the bundle names each ({@code zone.*}). */
    static final List<String> ZONES = List.of("America/Mexico_City", "America/Monterrey", "America/Merida",
            "America/Cancun", "America/Chihuahua", "America/Hermosillo", "America/Mazatlan", "America/Tijuana",
            "America/Belize", "America/Guatemala", "America/El_Salvador", "America/Tegucigalpa", "America/Managua",
            "America/Costa_Rica", "America/Panama");
    /**
     * The service's names of the fields it refuses, where they differ from the form's: its venue is an object, and
     * a window that does not fit the times is named by either end.
     */
    static final Map<String, String> SERVICE_FIELDS = Map.of("venue", "venueAddress", "venue.address", "venueAddress",
            "venue.city", "venueCity", "venue.country", "venueCountry");

    /** A new draft: a bootcamp, in person, public, in Mexico City's zone, with a waiting list and no approval. */
    static EventForm blank() {
        return new EventForm("BOOTCAMP", "", "", "", "", "IN_PERSON", "", "", "MX", "", "America/Mexico_City", null,
                null, 30, true, "PUBLIC", null, false, null, null, null);
    }

    /** An existing event, to edit its description; its times read in its own zone. */
    static EventForm of(OrganizerEvents.Event event) {
        ZoneId zone = ZoneId.of(event.timeZone());
        OrganizerEvents.Venue venue = event.venue();
        return new EventForm(event.type(), event.titleEs(), event.titleEn(), event.descriptionEs(),
                event.descriptionEn(), event.modality(), venue == null ? "" : venue.address(),
                venue == null ? "" : venue.city(), venue == null ? "MX" : venue.country(), event.onlineLink(),
                event.timeZone(), local(event.startsAt(), zone), local(event.endsAt(), zone), event.capacity(),
                event.waitlistEnabled(), event.audience(), event.memberQuota(), event.requiresApproval(),
                local(event.registrationOpensAt(), zone), local(event.registrationClosesAt(), zone),
                local(event.cancellationDeadline(), zone));
    }

    OrganizerEvents.Draft toDraft() {
        ZoneId zone = ZoneId.of(timeZone);
        return new OrganizerEvents.Draft(type, titleEs.strip(), blankToNull(titleEn), blankToNull(descriptionEs),
                blankToNull(descriptionEn), modality, venue(), online(), at(startsAt, zone), at(endsAt, zone), timeZone,
                capacity, waitlistEnabled, at(registrationOpensAt, zone), at(registrationClosesAt, zone),
                at(cancellationDeadline, zone), audience, memberQuota, requiresApproval);
    }

    /** The description, with the windows in the event's zone (the one it has, which this form does not change). */
    OrganizerEvents.Description toDescription(String eventZone) {
        ZoneId zone = ZoneId.of(eventZone);
        return new OrganizerEvents.Description(titleEs.strip(), blankToNull(titleEn), blankToNull(descriptionEs),
                blankToNull(descriptionEn), modality, venue(), online(), at(registrationOpensAt, zone),
                at(registrationClosesAt, zone), at(cancellationDeadline, zone));
    }

    /** Whether the zone is one the form offers (a valid IANA zone of the network's countries). */
    boolean knownZone() {
        return ZONES.contains(timeZone);
    }

    private OrganizerEvents.Venue venue() {
        if ("VIRTUAL".equals(modality) || (isBlank(venueAddress) && isBlank(venueCity))) {
            return null;
        }
        return new OrganizerEvents.Venue(blankToNull(venueAddress), blankToNull(venueCity), venueCountry);
    }

    private String online() {
        return "IN_PERSON".equals(modality) ? null : blankToNull(onlineLink);
    }

    /** A wall-clock time in {@code zone}; in a gap (the clocks go forward), the time after it. */
    static OffsetDateTime at(LocalDateTime local, ZoneId zone) {
        return local == null ? null : local.atZone(zone).toOffsetDateTime();
    }

    private static LocalDateTime local(Instant instant, ZoneId zone) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, zone);
    }

    private static String blankToNull(String text) {
        return isBlank(text) ? null : text.strip();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
