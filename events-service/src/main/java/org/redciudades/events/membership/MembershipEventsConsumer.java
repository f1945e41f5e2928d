package org.redciudades.events.membership;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.redciudades.chassis.deadletter.DeadLetterErasure;
import org.redciudades.chassis.deadletter.DeadLetterErasure.Person;
import org.redciudades.chassis.inbox.InboundEvents;
import org.redciudades.events.eligibility.MemberEligibility;
import org.redciudades.events.eligibility.MemberEligibility.Status;
import org.redciudades.events.eligibility.StaffContacts;
import org.redciudades.events.registration.RegistrantErasure;
import org.redciudades.events.registration.Registrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * What this service does with the {@code membership.member} topic: keeps {@link MemberEligibility} and
 * {@link StaffContacts} (who acts for which institution) up to date, cancels a withdrawn institution's
 * upcoming registrations, and honours contact erasure. Every fact that carries contacts (the application,
 * the activation, a contact added or updated) leaves the fingerprint of each one's email, so that a
 * {@code contact.erased} finds the person's registrations however the contact became known, and the dead
 * letters that name them. Each record's effect and its inbox entry commit together. Records here carry
 * only the fields this service reads; anything else in the payload is ignored.
 */
@Configuration
class MembershipEventsConsumer {

    private static final String TYPE = "org.redciudades.membership.";

    /** A member contact: only the id, the email and whether it is primary are read; of the email, only its fingerprint is kept. */
    record Contact(UUID contactId, String email, boolean primary) {
        Contact {
            Objects.requireNonNull(contactId, "contactId");
            Objects.requireNonNull(email, "email");
        }

        StaffContacts.Contact staff() {
            return new StaffContacts.Contact(contactId, email, primary);
        }
    }

    /** application.submitted: read only for the contacts who came with the application. */
    record ApplicationSubmitted(UUID memberId, List<Contact> contacts) {
        ApplicationSubmitted {
            Objects.requireNonNull(memberId, "memberId");
            contacts = contacts == null ? List.of() : contacts;
        }
    }

    record MemberActivated(UUID memberId, Institution institution, Instant activatedAt, List<Contact> contacts) {
        MemberActivated {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(institution, "institution");
            Objects.requireNonNull(activatedAt, "activatedAt");
            contacts = contacts == null ? List.of() : contacts;
        }

        record Institution(String name, String country) {
        }
    }

    record MemberSuspended(UUID memberId, Instant suspendedAt) {
        MemberSuspended {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(suspendedAt, "suspendedAt");
        }
    }

    record MemberReinstated(UUID memberId, Instant reinstatedAt) {
        MemberReinstated {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(reinstatedAt, "reinstatedAt");
        }
    }

    record MemberWithdrawn(UUID memberId, Instant withdrawnAt) {
        MemberWithdrawn {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(withdrawnAt, "withdrawnAt");
        }
    }

    record AgreementExpired(UUID memberId, Instant expiredAt) {
        AgreementExpired {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(expiredAt, "expiredAt");
        }
    }

    record AgreementRenewed(UUID memberId, Instant renewedAt) {
        AgreementRenewed {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(renewedAt, "renewedAt");
        }
    }

    /** contact.added and contact.updated: the contact's values now, a demoted former primary included. */
    record ContactChanged(UUID memberId, Contact contact) {
        ContactChanged {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(contact, "contact");
        }
    }

    record ContactRemoved(UUID memberId, UUID contactId) {
        ContactRemoved {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(contactId, "contactId");
        }
    }

    record ContactErased(UUID memberId, UUID contactId, String erasedBy) {
        ContactErased {
            Objects.requireNonNull(contactId, "contactId");
            erasedBy = erasedBy == null ? "membership-service" : erasedBy;
        }
    }

    @Bean
    Consumer<Message<byte[]>> membershipEvents(InboundEvents inbound, MemberEligibility eligibility, StaffContacts staff,
                                               Registrations registrations, RegistrantErasure erasure,
                                               DeadLetterErasure deadLetters) {
        return inbound.consumer("member-eligibility")
                .on(TYPE + "application.submitted.v1", ApplicationSubmitted.class, (fact, event) -> {
                    fact.contacts().forEach(contact -> erasure.rememberContact(contact.contactId(), contact.email()));
                    staff.replaceAll(fact.memberId(), fact.contacts().stream().map(Contact::staff).toList());
                })
                .on(TYPE + "member.activated.v1", MemberActivated.class, (fact, event) -> {
                    eligibility.activate(fact.memberId(), fact.institution().name(), fact.institution().country(),
                            fact.activatedAt());
                    fact.contacts().forEach(contact -> erasure.rememberContact(contact.contactId(), contact.email()));
                    staff.replaceAll(fact.memberId(), fact.contacts().stream().map(Contact::staff).toList());
                })
                .on(TYPE + "member.suspended.v1", MemberSuspended.class, (fact, event) ->
                        eligibility.move(fact.memberId(), EnumSet.of(Status.ACTIVE, Status.EXPIRED), Status.SUSPENDED,
                                fact.suspendedAt()))
                .on(TYPE + "member.reinstated.v1", MemberReinstated.class, (fact, event) ->
                        eligibility.move(fact.memberId(), EnumSet.of(Status.SUSPENDED), Status.ACTIVE, fact.reinstatedAt()))
                .on(TYPE + "agreement.expired.v1", AgreementExpired.class, (fact, event) ->
                        eligibility.move(fact.memberId(), EnumSet.of(Status.ACTIVE), Status.EXPIRED, fact.expiredAt()))
                .on(TYPE + "agreement.renewed.v1", AgreementRenewed.class, (fact, event) ->
                        eligibility.move(fact.memberId(), EnumSet.of(Status.EXPIRED), Status.ACTIVE, fact.renewedAt()))
                .on(TYPE + "member.withdrawn.v1", MemberWithdrawn.class, (fact, event) -> {
                    eligibility.move(fact.memberId(), EnumSet.complementOf(EnumSet.of(Status.WITHDRAWN)), Status.WITHDRAWN,
                            fact.withdrawnAt());
                    registrations.cancelUpcomingOfMember(fact.memberId());
                })
                .on(TYPE + "contact.added.v1", ContactChanged.class, (fact, event) -> contactChanged(fact, staff, erasure))
                .on(TYPE + "contact.updated.v1", ContactChanged.class, (fact, event) -> contactChanged(fact, staff, erasure))
                .on(TYPE + "contact.removed.v1", ContactRemoved.class, (fact, event) -> staff.forget(fact.contactId()))
                .on(TYPE + "contact.erased.v1", ContactErased.class, (fact, event) -> {
                    staff.forget(fact.contactId());
                    Set<String> addresses = erasure.erase(fact.contactId());
                    deadLetters.erase(Person.withFingerprints(addresses).identifiedBy("contactId", fact.contactId()),
                            fact.erasedBy(), "contact.erased " + event.id());
                })
                .build();
    }

    private static void contactChanged(ContactChanged fact, StaffContacts staff, RegistrantErasure erasure) {
        erasure.rememberContact(fact.contact().contactId(), fact.contact().email());
        staff.remember(fact.memberId(), fact.contact().staff());
    }
}
