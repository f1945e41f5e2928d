package org.redciudades.portal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboxControllerTest {

    @Test
    void a_messages_first_words_are_cut_at_a_space() {
        assertThat(InboxController.snippet("Hola, Ana:\n\nSu inscripción está confirmada.")).isEqualTo("Hola, Ana: Su inscripción está confirmada.");
        String longText = "palabra ".repeat(40);
        assertThat(InboxController.snippet(longText)).endsWith("palabra…").hasSizeLessThanOrEqualTo(InboxController.SNIPPET + 1);
    }
}
