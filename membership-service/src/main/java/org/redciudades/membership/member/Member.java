package org.redciudades.membership.member;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A member institution, from its application on. */
public record Member(UUID id, Institution institution, String locale, String timeZone, MemberStatus status,
                     List<Contact> contacts, Agreement agreement, Instant submittedAt) {

    /** What the lifecycle allows from the member's status now, as a 409 lists it: a page offers only these. */
    @JsonProperty("allowedActions")
    public Set<MemberAction> allowedActions() {
        return MemberLifecycle.allowed(status);
    }

    public record Institution(String name, InstitutionKind kind, String country, String region, String city,
                              String website) {
    }

    public record Contact(UUID id, String name, String email, String title, String locale, boolean primary) {
    }

    public record Agreement(UUID id, LocalDate signedOn, LocalDate termStart, LocalDate termEnd,
                            String documentReference, String memberSignatory, String networkSignatory) {
    }

    public enum InstitutionKind {
        MUNICIPALITY,
        MUNICIPAL_PLANNING_INSTITUTE,
        STATE_AGENCY,
        UNIVERSITY,
        CIVIL_SOCIETY_ORGANISATION,
        OTHER
    }
}
