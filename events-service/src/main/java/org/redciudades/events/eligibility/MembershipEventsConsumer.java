package org.redciudades.events.eligibility;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.redciudades.chassis.inbox.InboundEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Keeps {@link MemberEligibility} up to date from the {@code membership.member} topic. */
@Configuration
class MembershipEventsConsumer {

    /** The fields of {@code org.redciudades.membership.member.activated.v1} that this service needs. */
    record MemberActivated(UUID memberId, Institution institution, Instant activatedAt) {
        MemberActivated {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(institution, "institution");
            Objects.requireNonNull(activatedAt, "activatedAt");
        }

        record Institution(String name, String country) {
        }
    }

    @Bean
    Consumer<Message<byte[]>> membershipEvents(InboundEvents inbound, MemberEligibility eligibility) {
        return inbound.consumer("member-eligibility")
                .on("org.redciudades.membership.member.activated.v1", MemberActivated.class, (activated, event) ->
                        eligibility.activate(activated.memberId(), activated.institution().name(),
                                activated.institution().country(), activated.activatedAt()))
                .build();
    }
}
