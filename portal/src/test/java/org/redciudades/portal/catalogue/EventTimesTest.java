package org.redciudades.portal.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class EventTimesTest {

    static final Locale SPANISH = Locale.forLanguageTag("es-MX");
    static final ZoneId CANCUN = ZoneId.of("America/Cancun");
    static final ZoneId MEXICO_CITY = ZoneId.of("America/Mexico_City");
    static final Instant START = Instant.parse("2027-03-10T15:00:00Z");
    static final Instant END = Instant.parse("2027-03-10T19:00:00Z");

    final EventTimes times = new EventTimes(messages());

    @Test
    void an_events_times_are_written_out_in_its_zone_named_by_its_place_and_offset() {
        EventTimes.Shown cancun = times.full(START, END, CANCUN, SPANISH);
        assertThat(spaced(cancun.when())).isEqualTo("miércoles, 10 de marzo de 2027, de 10:00 a.m. a 2:00 p.m.");
        assertThat(cancun.zone()).isEqualTo("hora de Cancún, UTC\u22125");
        EventTimes.Shown mexicoCity = times.full(START, END, MEXICO_CITY, Locale.ENGLISH);
        assertThat(spaced(mexicoCity.when())).isEqualTo("Wednesday, March 10, 2027, 9:00 AM to 1:00 PM");
        assertThat(mexicoCity.zone()).isEqualTo("Mexico City time, UTC\u22126");
    }

    @Test
    void an_event_over_several_days_names_both_days() {
        assertThat(spaced(times.brief(START, END.plusSeconds(2 * 86_400), CANCUN, SPANISH).when()))
                .isEqualTo("del 10 mar 2027, 10:00 a.m., al 12 mar 2027, 2:00 p.m.");
    }

    @Test
    void a_zone_outside_the_bundle_is_named_by_its_city() {
        assertThat(times.full(START, END, ZoneId.of("Asia/Kolkata"), Locale.ENGLISH).zone())
                .isEqualTo("Kolkata time, UTC+5:30");
    }

    @Test
    void the_readers_zone_is_shown_only_when_its_clock_reads_otherwise() {
        assertThat(EventTimes.differs(START, END, CANCUN, MEXICO_CITY)).isTrue();
        assertThat(EventTimes.differs(START, END, ZoneId.of("America/Monterrey"), MEXICO_CITY)).isFalse();
        assertThat(EventTimes.offset(ZoneOffset.UTC)).isEqualTo("UTC");
    }

    /** The formats keep a time and its "a.m." together with no-break spaces; a reader sees spaces. */
    static String spaced(String text) {
        return text.replaceAll("[\u00A0\u202F]", " ");
    }

    private static ResourceBundleMessageSource messages() {
        var messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
