package org.redciudades.portal.join;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.redciudades.portal.catalogue.Country;
import org.redciudades.portal.catalogue.EventTimes;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The form's choices in the reader's words: kinds of institution, countries, languages and time zones. */
@Component
class JoinChoices {

    /** membership-service's {@code Member.InstitutionKind}. */
    static final List<String> KINDS = List.of("MUNICIPALITY", "MUNICIPAL_PLANNING_INSTITUTE", "STATE_AGENCY",
            "UNIVERSITY", "CIVIL_SOCIETY_ORGANISATION", "OTHER");
    static final List<String> LANGUAGES = List.of("es-MX", "en");
    /** The region's zones, each with its country: Mexico's, then Central America's. */
    static final List<Zone> TIME_ZONES = List.of(
            new Zone("America/Mexico_City", "MX"), new Zone("America/Monterrey", "MX"),
            new Zone("America/Cancun", "MX"), new Zone("America/Chihuahua", "MX"),
            new Zone("America/Hermosillo", "MX"), new Zone("America/Mazatlan", "MX"),
            new Zone("America/Tijuana", "MX"), new Zone("America/Merida", "MX"),
            new Zone("America/Guatemala", "GT"), new Zone("America/Belize", "BZ"),
            new Zone("America/El_Salvador", "SV"), new Zone("America/Tegucigalpa", "HN"),
            new Zone("America/Managua", "NI"), new Zone("America/Costa_Rica", "CR"),
            new Zone("America/Panama", "PA"));

    record Zone(String id, String country) {
    }

    /** A choice of a select: what is sent, and what the reader reads. */
    record Option(String value, String text) {
    }

    private final MessageSource messages;
    private final EventTimes times;

    JoinChoices(MessageSource messages, EventTimes times) {
        this.messages = messages;
        this.times = times;
    }

    static boolean offered(String zone) {
        return TIME_ZONES.stream().anyMatch(offered -> offered.id().equals(zone));
    }

    List<Option> kinds(Locale locale) {
        return KINDS.stream().map(kind -> new Option(kind, messages.getMessage("join.kind." + kind, null, locale)))
                .toList();
    }

    List<Country> countries(Locale locale) {
        return Country.ofNetwork(locale);
    }

    /** "Cancún (México), UTC−5", or "Panamá, UTC−5" where the place is the country; the offsets of today. */
    List<Option> timeZones(Locale locale, Instant now) {
        return TIME_ZONES.stream().map(zone -> {
            ZoneId id = ZoneId.of(zone.id());
            String place = times.place(id, locale);
            String country = new Country(zone.country(), locale).name();
            String offset = EventTimes.offset(id.getRules().getOffset(now));
            String text = place.equals(country)
                    ? messages.getMessage("join.zone.country", new Object[]{place, offset}, locale)
                    : messages.getMessage("join.zone.place", new Object[]{place, country, offset}, locale);
            return new Option(zone.id(), text);
        }).toList();
    }
}
