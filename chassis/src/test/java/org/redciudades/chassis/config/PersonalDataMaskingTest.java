package org.redciudades.chassis.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataMaskingTest {

    @Test
    void an_email_in_a_database_error_is_masked_but_its_domain_kept_for_diagnosis() {
        assertThat(PersonalDataMasking.mask("Key (email)=(mariana.avila@implan-torreon.example.mx) already exists"))
                .isEqualTo("Key (email)=(***@implan-torreon.example.mx) already exists");
        assertThat(PersonalDataMasking.mask("José.Núñez+eventos@municipio.example.gt y otra@x.org"))
                .isEqualTo("***@municipio.example.gt y ***@x.org");
    }

    @Test
    void text_without_an_email_is_left_alone() {
        assertThat(PersonalDataMasking.mask("Outbox publish of 3 rows to membership.member failed")).isEqualTo(
                "Outbox publish of 3 rows to membership.member failed");
        assertThat(PersonalDataMasking.mask("user@ alone")).isEqualTo("user@ alone");
    }
}
