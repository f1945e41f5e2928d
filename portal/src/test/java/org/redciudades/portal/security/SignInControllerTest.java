package org.redciudades.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInControllerTest {

    final SignInController controller = new SignInController();

    @Test
    void after_signing_in_the_person_returns_to_the_page_they_were_on() {
        assertThat(controller.signedIn("/events/3f6c?lang=en")).isEqualTo("redirect:/events/3f6c?lang=en");
        assertThat(controller.signedIn("/")).isEqualTo("redirect:/");
    }

    @Test
    void the_return_address_never_leaves_the_portal() {
        for (String elsewhere : new String[]{"https://evil.example/", "//evil.example/", "/\\evil.example",
                "evil.example", "/ok\r\nSet-Cookie: x=y"}) {
            assertThat(controller.signedIn(elsewhere)).as(elsewhere).isEqualTo("redirect:/");
        }
    }
}
