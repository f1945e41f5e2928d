package org.redciudades.events.membership;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.redciudades.chassis.inbox.InboundEvents;
import org.redciudades.events.eligibility.MemberEligibility;
import org.redciudades.events.eligibility.MemberEligibility.Status;
import org.redciudades.events.registration.RegistrantErasure;
import org.redciudades.events.registration.Registrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * What this service does with the {@code membership.member} topic: keeps {@link MemberEligibility} up
 * to date, cancels a withdrawn institution's upcoming registrations, and honours contact erasure. Each
 * record's effect and its inbox entry commit together. Records here carry only the fields this service
 * reads; anything else in the payload is ignored.
 */
@Configuration
class MembershipEventsConsumer {

    private static final String TYPE = "org.redciudades.membership.";

    record MemberActivated(UUID memberId, Institution institution, Instant activatedAt) {
        MemberActivated {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(institution, "institution");
            Objects.requireNonNull(activatedAt, "activatedAt");
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

    /** contact.added and contact.updated: only the contact's id and email are read. */
    record ContactChanged(UUID memberId, Contact contact) {
        ContactChanged {
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(contact.contactId(), "contact.contactId");
            Objects.requireNonNull(contact.email(), "contact.email");
        }

        record Contact(UUID contactId, String email) {
        }
    }

    record ContactErased(UUID memberId, UUID contactId) {
        ContactErased {
            Objects.requireNonNull(contactId, "contactId");
        }
    }

    @Bean
    Consumer<Message<byte[]>> membershipEvents(InboundEvents inbound, MemberEligibility eligibility,
                                               Registrations registrations, RegistrantErasure erasure) {
        return inbound.consumer("member-eligibility")
                .on(TYPE + "member.activated.v1", MemberActivated.class, (fact, event) ->
                        eligibility.activate(fact.memberId(), fact.institution().name(), fact.institution().country(),
                                fact.activatedAt()))
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
                .on(TYPE + "contact.added.v1", ContactChanged.class, (fact, event) ->
                        erasure.rememberContact(fact.contact().contactId(), fact.contact().email()))
                .on(TYPE + "contact.updated.v1", ContactChanged.class, (fact, event) ->
                        erasure.rememberContact(fact.contact().contactId(), fact.contact().email()))
                .on(TYPE + "contact.erased.v1", ContactErased.class, (fact, event) -> erasure.erase(fact.contactId()))
                .build();
    }
}
