package org.redciudades.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The catalogue itself: every template exists in es-MX and in English, with subject and body, and an
 * English reader gets both in English; a template only in Spanish falls back whole.
 */
class MessageCatalogTest {

    static final Set<String> TEMPLATES = templates();
    final MessageCatalog catalog = new MessageCatalog(messages());

    @Test
    void every_template_has_a_subject_and_a_body_in_spanish_and_in_english_and_they_differ() throws IOException {
        Properties english = load("messages_en.properties");
        assertThat(TEMPLATES).hasSizeGreaterThanOrEqualTo(20);
        for (String template : TEMPLATES) {
            assertThat(english).as(template).containsKeys(template + ".subject", template + ".body");
            var es = catalog.render(template, "a@b.example.mx", MessageCatalog.SPANISH_MEXICO, "Ana", "Título", "cuándo", "dónde", "", "");
            var en = catalog.render(template, "a@b.example.mx", Locale.ENGLISH, "Ana", "Title", "when", "where", "", "");
            assertThat(es.locale()).as(template).isEqualTo("es-MX");
            assertThat(en.locale()).as(template).isEqualTo("en");
            assertThat(en.subject()).as(template).isNotEqualTo(es.subject());
            assertThat(en.text()).as(template).isNotEqualTo(es.text()).doesNotContain("Atentamente");
            assertThat(es.text()).as(template).doesNotContain("Kind regards");
            assertThat(en.html()).as(template).contains("<html lang=\"en\">");
        }
    }

    @Test
    void dates_are_written_in_the_readers_language_in_the_events_zone_naming_the_zone() {
        Instant start = Instant.parse("2027-03-10T15:00:00Z");
        Instant end = Instant.parse("2027-03-11T23:30:00Z");

        String spanish = catalog.when(start, end, "America/Tegucigalpa", MessageCatalog.SPANISH_MEXICO).replace('\u202f', ' ').replace('\u00a0', ' ');
        String english = catalog.when(start, end, "America/Tegucigalpa", Locale.ENGLISH).replace('\u202f', ' ').replace('\u00a0', ' ');

        assertThat(spanish).isEqualTo("del miércoles, 10 de marzo de 2027, 9:00 a.m., al jueves, 11 de marzo de 2027, 5:30 p.m. "
                + "(hora central, America/Tegucigalpa)");
        assertThat(english).isEqualTo("from Wednesday, March 10, 2027, 9:00 AM, to Thursday, March 11, 2027, 5:30 PM "
                + "(Central Time, America/Tegucigalpa)");
    }

    private static Set<String> templates() {
        try {
            Set<String> names = new TreeSet<>();
            for (String key : load("messages.properties").stringPropertyNames()) {
                if (key.endsWith(".subject")) {
                    names.add(key.substring(0, key.length() - ".subject".length()));
                }
            }
            return names;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageCatalogTest.class.getResourceAsStream("/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
