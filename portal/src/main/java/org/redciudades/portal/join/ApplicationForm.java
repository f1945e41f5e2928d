package org.redciudades.portal.join;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * The "apply to join" form, shaped as membership-service's application (the institution, its language and time zone,
 * its contacts) and checked by the same rules, so that the service's field errors name the form's fields too. The
 * contacts are three rows: the first is the primary contact; the other two are optional, and a blank one is left out.
 * {@code submission} is the form's Idempotency-Key, so that pressing the button twice sends one application.
 */
public record ApplicationForm(
        @NotNull @Valid Institution institution,
        @NotNull(message = "{join.error.locale}") @Pattern(regexp = LANGUAGES, message = "{join.error.locale}")
        String locale,
        @NotNull(message = "{join.error.timeZone}") @Pattern(regexp = TIME_ZONES, message = "{join.error.timeZone}")
        String timeZone,
        List<Contact> contacts,
        String submission) {

    static final int CONTACT_ROWS = 3;
    static final String LANGUAGES = "es-MX|en";
    /** The zones offered ({@link JoinChoices#TIME_ZONES}), as the pattern the form checks. */
    static final String TIME_ZONES = "America/(Mexico_City|Monterrey|Cancun|Chihuahua|Hermosillo|Mazatlan|Tijuana"
            + "|Merida|Guatemala|Belize|El_Salvador|Tegucigalpa|Managua|Costa_Rica|Panama)";
    static final String KINDS = "MUNICIPALITY|MUNICIPAL_PLANNING_INSTITUTE|STATE_AGENCY|UNIVERSITY"
            + "|CIVIL_SOCIETY_ORGANISATION|OTHER";
    static final String COUNTRIES = "MX|BZ|GT|SV|HN|NI|CR|PA";

    public ApplicationForm {
        institution = institution == null ? new Institution(null, null, null, null, null, null) : institution;
        contacts = rows(contacts, locale);
    }

    /** An empty form in the reader's language and zone; the primary contact is the signed-in person, if any. */
    static ApplicationForm blank(String language, String timeZone, String name, String email) {
        List<Contact> contacts = new ArrayList<>();
        contacts.add(new Contact(name, email, null, language));
        return new ApplicationForm(null, language, timeZone, contacts, null);
    }

    /** Always three rows, whatever was posted: missing ones blank, in the institution's language. */
    private static List<Contact> rows(List<Contact> posted, String language) {
        List<Contact> rows = new ArrayList<>();
        for (int row = 0; row < CONTACT_ROWS; row++) {
            Contact contact = posted == null || row >= posted.size() ? null : posted.get(row);
            rows.add(contact == null ? new Contact(null, null, null, language) : contact);
        }
        return List.copyOf(rows);
    }

    public record Institution(
            @NotBlank(message = "{join.error.institution.name.required}")
            @Size(max = 200, message = "{join.error.institution.name.size}") String name,
            @NotNull(message = "{join.error.institution.kind}")
            @Pattern(regexp = KINDS, message = "{join.error.institution.kind}") String kind,
            @NotNull(message = "{join.error.institution.country}")
            @Pattern(regexp = COUNTRIES, message = "{join.error.institution.country}") String country,
            @NotBlank(message = "{join.error.institution.region.required}")
            @Size(max = 120, message = "{join.error.institution.region.size}") String region,
            @NotBlank(message = "{join.error.institution.city.required}")
            @Size(max = 120, message = "{join.error.institution.city.size}") String city,
            @Size(max = 300, message = "{join.error.institution.website.size}")
            @Pattern(regexp = "https?://\\S+", message = "{join.error.institution.website}") String website) {

        public Institution {
            website = withScheme(website);
        }

        /** "www.implan.gob.mx" is what people type; the service wants the whole address. */
        private static String withScheme(String website) {
            if (website == null || website.isBlank() || website.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
                return website;
            }
            return "https://" + website;
        }
    }

    /** A contact row; checked only when something is written in it (the primary contact's always). */
    public record Contact(
            @NotBlank(message = "{join.error.contact.name.required}")
            @Size(max = 200, message = "{join.error.contact.name.size}") String name,
            @NotBlank(message = "{join.error.contact.email.required}")
            @Email(message = "{join.error.contact.email.invalid}")
            @Size(max = 254, message = "{join.error.contact.email.size}") String email,
            @Size(max = 200, message = "{join.error.contact.title.size}") String title,
            @NotNull(message = "{join.error.contact.locale}")
            @Pattern(regexp = LANGUAGES, message = "{join.error.contact.locale}") String locale) {

        boolean blank() {
            return isBlank(name) && isBlank(email) && isBlank(title);
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }
    }
}
