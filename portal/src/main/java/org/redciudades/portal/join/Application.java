package org.redciudades.portal.join;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * What the portal sends to membership-service ({@code POST /api/v1/applications}), made from the form, and where the
 * service's field errors belong on the form: the request's contacts are the form's filled-in rows, so the service's
 * {@code contacts[1]} is the form's third row when its second was left blank.
 */
record Application(Request request, List<Integer> rows) {

    private static final java.util.regex.Pattern CONTACT_FIELD = java.util.regex.Pattern.compile(
            "contacts\\[(\\d{1,2})]\\.(name|email|title|locale)");
    private static final Set<String> FORM_FIELDS = Set.of("institution.name", "institution.kind",
            "institution.country", "institution.region", "institution.city", "institution.website", "locale",
            "timeZone");

    /** membership-service's {@code ApplicationRequest}. */
    record Request(ApplicationForm.Institution institution, String locale, String timeZone,
                   List<ContactRequest> contacts) {
    }

    record ContactRequest(String name, String email, String title, String locale, boolean primary) {
    }

    /** The service's answer: the member it created, whose id is the application's number. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Submitted(UUID id, Institution institution) {

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Institution(String name) {
        }
    }

    /** What the confirmation page shows: the application's number and the institution's name, nothing personal. */
    record Confirmation(UUID id, String institution) implements Serializable {
    }

    /** The primary contact (the first row) and every other row with something written in it. */
    static Application of(ApplicationForm form) {
        List<ContactRequest> contacts = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < form.contacts().size(); row++) {
            ApplicationForm.Contact contact = form.contacts().get(row);
            if (row == 0 || !contact.blank()) {
                contacts.add(new ContactRequest(contact.name(), contact.email(), contact.title(), contact.locale(),
                        row == 0));
                rows.add(row);
            }
        }
        return new Application(new Request(form.institution(), form.locale(), form.timeZone(), contacts),
                List.copyOf(rows));
    }

    /**
     * The form's field that a field the service named belongs to ({@code institution.name}, {@code contacts[1].email}
     * as the row it came from); empty for a field the form does not have, such as {@code primaryContact}.
     */
    Optional<String> formField(String serviceField) {
        if (FORM_FIELDS.contains(serviceField)) {
            return Optional.of(serviceField);
        }
        Matcher contact = CONTACT_FIELD.matcher(serviceField == null ? "" : serviceField);
        if (contact.matches()) {
            int sent = Integer.parseInt(contact.group(1));
            if (sent < rows.size()) {
                return Optional.of("contacts[" + rows.get(sent) + "]." + contact.group(2));
            }
        }
        return Optional.empty();
    }

    /** The bundle's label of a form field: {@code join.institution.name}, {@code join.contact.email}. */
    static String label(String formField) {
        Matcher contact = CONTACT_FIELD.matcher(formField);
        return contact.matches() ? "join.contact." + contact.group(2) : "join." + formField;
    }
}
