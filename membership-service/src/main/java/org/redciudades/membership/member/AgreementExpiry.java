package org.redciudades.membership.member;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.redciudades.chassis.support.PollingWorker;
import org.springframework.stereotype.Component;

/**
 * Moves members to EXPIRING {@code membership.agreement.expiring-days} before their agreement ends,
 * and to EXPIRED after its last day, on each member's own calendar. Every instance runs it; the row
 * lock in {@link MembershipService#expireIfDue} makes each step happen, and be published, once.
 */
@Component
public class AgreementExpiry extends PollingWorker {

    private final MemberRepository members;
    private final MembershipService membership;
    private final Clock clock;
    private final int expiringDays;

    AgreementExpiry(MemberRepository members, MembershipService membership, Clock clock,
                    @Value("${membership.agreement.expiring-days:60}") int expiringDays,
                    @Value("${membership.agreement.check-interval:1m}") Duration interval) {
        super("agreement-expiry", interval);
        this.members = members;
        this.membership = membership;
        this.clock = clock;
        this.expiringDays = expiringDays;
    }

    @Override
    public void pass() {
        // A day of slack covers the members whose zone is already a day ahead of UTC.
        LocalDate horizon = LocalDate.now(clock).plusDays(expiringDays + 1L);
        for (UUID id : members.withAgreementEndingBy(horizon)) {
            membership.expireIfDue(id, expiringDays);
        }
    }
}
