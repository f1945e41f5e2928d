package org.redciudades.membership.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.redciudades.chassis.envelope.EventType;

/**
 * Facts this service publishes on {@link #TOPIC}, keyed by member id. Each record's JSON is defined by
 * {@code contracts/schemas/<type>.schema.json}; events a person may be notified about carry the locale
 * and the time zone.
 */
public sealed interface MemberEvent {

    String TOPIC = "membership.member";

    UUID memberId();

    @EventType("org.redciudades.membership.application.submitted.v1")
    record ApplicationSubmitted(UUID memberId, InstitutionData institution, String locale, String timeZone,
                                List<ContactData> contacts, Instant submittedAt) implements MemberEvent {
    }

    @EventType("org.redciudades.membership.application.approved.v1")
    record ApplicationApproved(UUID memberId, String institutionName, String locale, String timeZone,
                               Instant approvedAt, String approvedBy) implements MemberEvent {
    }

    @EventType("org.redciudades.membership.member.activated.v1")
    record MemberActivated(UUID memberId, InstitutionData institution, String locale, String timeZone,
                           AgreementData agreement, List<ContactData> contacts, Instant activatedAt)
            implements MemberEvent {
    }

    record InstitutionData(String name, Member.InstitutionKind kind, String country, String region, String city,
                           String website) {
        static InstitutionData of(Member.Institution institution) {
            return new InstitutionData(institution.name(), institution.kind(), institution.country(),
                    institution.region(), institution.city(), institution.website());
        }
    }

    record ContactData(UUID contactId, String name, String email, String title, String locale, boolean primary) {
        static List<ContactData> of(List<Member.Contact> contacts) {
            return contacts.stream()
                    .map(c -> new ContactData(c.id(), c.name(), c.email(), c.title(), c.locale(), c.primary()))
                    .toList();
        }
    }

    record AgreementData(UUID agreementId, LocalDate signedOn, LocalDate termStart, LocalDate termEnd,
                         String documentReference) {
        static AgreementData of(Member.Agreement agreement) {
            return new AgreementData(agreement.id(), agreement.signedOn(), agreement.termStart(),
                    agreement.termEnd(), agreement.documentReference());
        }
    }
}
