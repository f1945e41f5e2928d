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

    @EventType("org.redciudades.membership.application.rejected.v1")
    record ApplicationRejected(UUID memberId, String institutionName, String locale, String timeZone, String reason,
                               Instant rejectedAt, String rejectedBy) implements MemberEvent {
    }

    @EventType("org.redciudades.membership.member.suspended.v1")
    record MemberSuspended(UUID memberId, String institutionName, String locale, String timeZone, String reason,
                           Instant suspendedAt, String suspendedBy) implements MemberEvent {
    }

    @EventType("org.redciudades.membership.member.reinstated.v1")
    record MemberReinstated(UUID memberId, String institutionName, String locale, String timeZone, String reason,
                            Instant reinstatedAt, String reinstatedBy) implements MemberEvent {
    }

    @EventType("org.redciudades.membership.member.withdrawn.v1")
    record MemberWithdrawn(UUID memberId, String institutionName, String locale, String timeZone, String reason,
                           Instant withdrawnAt, String withdrawnBy) implements MemberEvent {
    }

    @EventType("org.redciudades.membership.agreement.expiring.v1")
    record AgreementExpiring(UUID memberId, String institutionName, String locale, String timeZone, UUID agreementId,
                             LocalDate termEnd, Instant expiringAt) implements MemberEvent {
    }

    @EventType("org.redciudades.membership.agreement.expired.v1")
    record AgreementExpired(UUID memberId, String institutionName, String locale, String timeZone, UUID agreementId,
                            LocalDate termEnd, Instant expiredAt) implements MemberEvent {
    }

    @EventType("org.redciudades.membership.agreement.renewed.v1")
    record AgreementRenewed(UUID memberId, String institutionName, String locale, String timeZone,
                            AgreementData agreement, Instant renewedAt, String renewedBy) implements MemberEvent {
    }

    @EventType("org.redciudades.membership.contact.added.v1")
    record ContactAdded(UUID memberId, ContactData contact, Instant addedAt, String addedBy) implements MemberEvent {
    }

    @EventType("org.redciudades.membership.contact.updated.v1")
    record ContactUpdated(UUID memberId, ContactData contact, Instant updatedAt, String updatedBy) implements MemberEvent {
    }

    @EventType("org.redciudades.membership.contact.removed.v1")
    record ContactRemoved(UUID memberId, UUID contactId, Instant removedAt, String removedBy) implements MemberEvent {
    }

    /** Personal data erased here; every service holding a copy must erase it too. Carries none itself. */
    @EventType("org.redciudades.membership.contact.erased.v1")
    record ContactErased(UUID memberId, UUID contactId, Instant erasedAt, String erasedBy) implements MemberEvent {
    }

    @EventType("org.redciudades.membership.member.profile-updated.v1")
    record ProfileUpdated(UUID memberId, InstitutionData institution, String locale, String timeZone,
                          Instant updatedAt, String updatedBy) implements MemberEvent {
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
            return contacts.stream().map(ContactData::of).toList();
        }

        static ContactData of(Member.Contact c) {
            return new ContactData(c.id(), c.name(), c.email(), c.title(), c.locale(), c.primary());
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
