package org.redciudades.portal.organizer.members;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Optional;
import org.springframework.validation.Errors;

/**
 * The signed agreement (convenio), to record it or to renew it: its dates as typed (day/month/year, as people in
 * Mexico and Central America write them, or ISO's year-month-day), the reference of the signed document, and who
 * signed for each side. The portal checks only what it must to send it; membership-service checks the rest (such as
 * the term's end coming after its start) and says so in its own words.
 */
record AgreementForm(String signedOn, String termStart, String termEnd, String documentReference,
                     String memberSignatory, String networkSignatory) {

    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ISO_LOCAL_DATE);

    static AgreementForm empty() {
        return new AgreementForm("", "", "", "", "", "");
    }

    /** A typed date: 20/11/2026, 20-11-2026, 20.11.2026 or 2026-11-20; empty when it is none of these. */
    static Optional<LocalDate> date(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        String date = typed.strip().replaceAll("\\s+", "");
        for (DateTimeFormatter format : DATE_FORMATS) {
            try {
                return Optional.of(LocalDate.parse(date, format));
            } catch (DateTimeException e) {
                // try the next way of writing it
            }
        }
        return Optional.empty();
    }

    /**
     * What the service needs, or null after rejecting each missing or unreadable field in {@code errors} (codes
     * {@code org.members.agreement.<field>.required} and {@code .invalid}).
     */
    NetworkMembers.AgreementRequest toRequest(Errors errors) {
        LocalDate signed = requiredDate("signedOn", signedOn, errors);
        LocalDate start = requiredDate("termStart", termStart, errors);
        LocalDate end = null;
        if (termEnd != null && !termEnd.isBlank()) {
            end = date(termEnd).orElse(null);
            if (end == null) {
                errors.rejectValue("termEnd", "org.members.agreement.termEnd.invalid");
            }
        }
        String document = requiredText("documentReference", documentReference, 500, errors);
        String memberSide = requiredText("memberSignatory", memberSignatory, 200, errors);
        String networkSide = requiredText("networkSignatory", networkSignatory, 200, errors);
        return errors.hasErrors() ? null
                : new NetworkMembers.AgreementRequest(signed, start, end, document, memberSide, networkSide);
    }

    private static LocalDate requiredDate(String field, String typed, Errors errors) {
        if (typed == null || typed.isBlank()) {
            errors.rejectValue(field, "org.members.agreement." + field + ".required");
            return null;
        }
        Optional<LocalDate> date = date(typed);
        if (date.isEmpty()) {
            errors.rejectValue(field, "org.members.agreement." + field + ".invalid");
        }
        return date.orElse(null);
    }

    private static String requiredText(String field, String typed, int maxLength, Errors errors) {
        if (typed == null || typed.isBlank()) {
            errors.rejectValue(field, "org.members.agreement." + field + ".required");
            return null;
        }
        if (typed.strip().length() > maxLength) {
            errors.rejectValue(field, "org.members.agreement.too-long", new Object[]{maxLength}, null);
            return null;
        }
        return typed.strip();
    }
}
