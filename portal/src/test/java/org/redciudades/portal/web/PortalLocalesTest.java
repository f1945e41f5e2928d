package org.redciudades.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortalLocalesTest {

    @Test
    void the_browsers_first_language_the_portal_offers_wins_by_weight() {
        assertThat(PortalLocales.fromAcceptLanguage("fr-CA, en;q=0.8, es;q=0.9")).hasValue(PortalLocales.SPANISH);
        assertThat(PortalLocales.fromAcceptLanguage("en-GB,en;q=0.9")).hasValue(PortalLocales.ENGLISH);
    }

    @Test
    void a_language_refused_with_q_zero_is_never_chosen() {
        assertThat(PortalLocales.fromAcceptLanguage("es;q=0, fr")).isEmpty();
        assertThat(PortalLocales.fromAcceptLanguage("es-MX;q=0, en;q=0.1")).hasValue(PortalLocales.ENGLISH);
    }

    @Test
    void a_header_that_does_not_parse_or_offers_nothing_known_leaves_the_choice_to_the_default() {
        assertThat(PortalLocales.fromAcceptLanguage("en;q=abc")).isEmpty();
        assertThat(PortalLocales.fromAcceptLanguage("de, fr")).isEmpty();
        assertThat(PortalLocales.fromAcceptLanguage(null)).isEmpty();
    }
}
