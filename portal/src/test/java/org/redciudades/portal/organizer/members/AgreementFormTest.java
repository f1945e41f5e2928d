package org.redciudades.portal.organizer.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;

class AgreementFormTest {

    @Test
    void a_date_is_read_as_people_write_it_day_first_or_as_iso() {
        LocalDate expected = LocalDate.of(2026, 11, 20);
        assertThat(AgreementForm.date("20/11/2026")).hasValue(expected);
        assertThat(AgreementForm.date(" 20 / 11 / 2026 ")).hasValue(expected);
        assertThat(AgreementForm.date("20-11-2026")).hasValue(expected);
        assertThat(AgreementForm.date("20.11.2026")).hasValue(expected);
        assertThat(AgreementForm.date("2026-11-20")).hasValue(expected);
        assertThat(AgreementForm.date("1/2/2027")).hasValue(LocalDate.of(2027, 2, 1));
    }

    @Test
    void a_date_that_does_not_exist_or_is_not_a_date_is_no_date() {
        assertThat(AgreementForm.date("31/02/2027")).isEmpty();
        assertThat(AgreementForm.date("11/20/2026")).isEmpty();
        assertThat(AgreementForm.date("mañana")).isEmpty();
        assertThat(AgreementForm.date("")).isEmpty();
        assertThat(AgreementForm.date(null)).isEmpty();
    }

    @Test
    void a_complete_form_becomes_the_services_request_with_its_text_stripped_and_no_end_when_empty() {
        AgreementForm form = new AgreementForm("20/11/2026", "1/12/2026", "", " RCI-CONV-2026-041 ", "Dirección",
                "Coordinación");
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "form");

        NetworkMembers.AgreementRequest request = form.toRequest(errors);

        assertThat(errors.hasErrors()).isFalse();
        assertThat(request).isEqualTo(new NetworkMembers.AgreementRequest(LocalDate.of(2026, 11, 20),
                LocalDate.of(2026, 12, 1), null, "RCI-CONV-2026-041", "Dirección", "Coordinación"));
    }

    @Test
    void each_missing_or_unreadable_field_is_named_and_nothing_is_sent() {
        AgreementForm form = new AgreementForm("", "31/02/2027", "pronto", " ", "Dirección", "x".repeat(201));
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "form");

        assertThat(form.toRequest(errors)).isNull();

        assertThat(errors.getFieldErrors()).extracting(FieldError::getField, FieldError::getCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("signedOn", "org.members.agreement.signedOn.required"),
                org.assertj.core.groups.Tuple.tuple("termStart", "org.members.agreement.termStart.invalid"),
                org.assertj.core.groups.Tuple.tuple("termEnd", "org.members.agreement.termEnd.invalid"),
                org.assertj.core.groups.Tuple.tuple("documentReference",
                        "org.members.agreement.documentReference.required"),
                org.assertj.core.groups.Tuple.tuple("networkSignatory", "org.members.agreement.too-long"));
    }
}
