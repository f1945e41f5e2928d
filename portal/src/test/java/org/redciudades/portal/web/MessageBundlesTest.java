package org.redciudades.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessageBundlesTest {

    @Test
    void every_text_is_in_spanish_and_in_english() throws IOException {
        Properties spanish = bundle("i18n/messages.properties");
        Properties english = bundle("i18n/messages_en.properties");

        assertThat(english.stringPropertyNames()).as("keys in English")
                .containsExactlyInAnyOrderElementsOf(spanish.stringPropertyNames());
        assertThat(spanish.stringPropertyNames()).allSatisfy(key ->
                assertThat(spanish.getProperty(key)).as(key).isNotBlank());
    }

    static Properties bundle(String path) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                MessageBundlesTest.class.getClassLoader().getResourceAsStream(path), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
