package org.redciudades.portal.organizer.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MemberPagesTest {

    @Test
    void each_step_of_the_history_is_named_by_where_it_went_and_a_return_to_active_by_where_from() {
        assertThat(MemberPages.stepName(null, "SUBMITTED")).isEqualTo("applied");
        assertThat(MemberPages.stepName("SUBMITTED", "UNDER_REVIEW")).isEqualTo("review");
        assertThat(MemberPages.stepName("UNDER_REVIEW", "REJECTED")).isEqualTo("rejected");
        assertThat(MemberPages.stepName("APPROVED", "ACTIVE")).isEqualTo("activated");
        assertThat(MemberPages.stepName("SUSPENDED", "ACTIVE")).isEqualTo("reinstated");
        assertThat(MemberPages.stepName("EXPIRED", "ACTIVE")).isEqualTo("renewed");
        assertThat(MemberPages.stepName("ACTIVE", "ACTIVE")).isEqualTo("renewed");
        assertThat(MemberPages.stepName("ACTIVE", "SUSPENDED")).isEqualTo("suspended");
        assertThat(MemberPages.stepName("SUSPENDED", "WITHDRAWN")).isEqualTo("withdrawn");
    }

    @Test
    void an_application_in_the_organizers_hands_has_its_page_among_the_applications_and_any_other_among_members() {
        UUID id = UUID.fromString("0b7e8a52-3c1d-4f7a-9d53-2f1c6a0e4b11");
        assertThat(MemberPages.path(id, "SUBMITTED")).isEqualTo("/organizer/applications/" + id);
        assertThat(MemberPages.path(id, "APPROVED")).isEqualTo("/organizer/applications/" + id);
        assertThat(MemberPages.path(id, "REJECTED")).isEqualTo("/organizer/members/" + id);
        assertThat(MemberPages.path(id, "ACTIVE")).isEqualTo("/organizer/members/" + id);
    }

    @Test
    void a_place_names_the_country_in_the_readers_language_and_skips_what_is_missing() {
        assertThat(MemberPages.place("Xalapa", "Veracruz", "MX", Locale.forLanguageTag("es-MX")))
                .isEqualTo("Xalapa, Veracruz, México");
        assertThat(MemberPages.place("Ciudad de Panamá", " ", "PA", Locale.ENGLISH)).isEqualTo("Ciudad de Panamá, Panama");
    }

    @Test
    void the_steps_an_organizer_may_take_are_the_services_lifecycle_actions() {
        assertThat(MemberStep.APPLICATION).extracting(MemberStep::action)
                .containsExactly("START_REVIEW", "APPROVE", "REJECT", "RECORD_AGREEMENT");
        assertThat(MemberStep.MEMBER).extracting(MemberStep::path)
                .containsExactly("suspension", "reinstatement", "withdrawal", "renewal");
        assertThat(MemberStep.REJECTION.reasonRequired()).isTrue();
        assertThat(MemberStep.WITHDRAWAL.reasonRequired()).isFalse();
        assertThat(MemberStep.WITHDRAWAL.reason()).isTrue();
    }
}
