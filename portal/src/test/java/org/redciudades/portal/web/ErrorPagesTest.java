package org.redciudades.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorPagesTest {

    @Test
    void a_failed_calls_logged_message_leaves_out_the_address_query_where_a_manage_links_token_travels() {
        String message = "I/O error on GET request for \"http://127.0.0.1:8082/api/v1/guest-registrations/"
                + "3b9e5d21-7c4a-4e8f-b016-5a2d9c7e4f83?token=k3Yl1nk-T0ken\": Connection refused";

        assertThat(ErrorPages.withoutQuery(message))
                .isEqualTo("I/O error on GET request for \"http://127.0.0.1:8082/api/v1/guest-registrations/"
                        + "3b9e5d21-7c4a-4e8f-b016-5a2d9c7e4f83\": Connection refused")
                .doesNotContain("k3Yl1nk");
    }
}
