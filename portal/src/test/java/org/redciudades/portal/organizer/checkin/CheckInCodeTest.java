package org.redciudades.portal.organizer.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the door page takes as a registration code (lower-cased first), and what it sends back to be typed again. */
class CheckInCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"3f2a-9c1b", "3f2a9c1b", "3f2a9c1b-0d4e-4f6a-8b7c-1234567890ab"})
    void the_code_as_the_email_writes_it_without_its_dash_or_the_whole_id_is_a_code(String typed) {
        assertThat(CheckInController.CODE.matcher(typed).matches()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3f2a", "3f2a-9c1", "3g2a-9c1b", "juan pérez", "3f2a-9c1b-", "%", ""})
    void anything_else_is_not_a_code(String typed) {
        assertThat(CheckInController.CODE.matcher(typed).matches()).isFalse();
    }
}
