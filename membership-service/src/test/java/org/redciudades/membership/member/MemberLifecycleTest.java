package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.redciudades.membership.member.MemberAction.*;
import static org.redciudades.membership.member.MemberStatus.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.envelope.EventTypes;

class MemberLifecycleTest {

    /** The specification: every allowed step; any (status, action) pair not listed here must be refused. */
    static final Map<MemberStatus, Map<MemberAction, MemberStatus>> ALLOWED = Map.of(
            SUBMITTED, Map.of(START_REVIEW, UNDER_REVIEW, APPROVE, APPROVED, REJECT, REJECTED),
            UNDER_REVIEW, Map.of(APPROVE, APPROVED, REJECT, REJECTED),
            APPROVED, Map.of(RECORD_AGREEMENT, ACTIVE),
            REJECTED, Map.of(),
            ACTIVE, Map.of(SUSPEND, SUSPENDED, WITHDRAW, WITHDRAWN, MARK_EXPIRING, EXPIRING, EXPIRE, EXPIRED, RENEW, ACTIVE),
            SUSPENDED, Map.of(REINSTATE, ACTIVE, WITHDRAW, WITHDRAWN),
            EXPIRING, Map.of(SUSPEND, SUSPENDED, WITHDRAW, WITHDRAWN, EXPIRE, EXPIRED, RENEW, ACTIVE),
            EXPIRED, Map.of(RENEW, ACTIVE, WITHDRAW, WITHDRAWN),
            WITHDRAWN, Map.of());

    /** The event each action publishes; starting a review is internal and publishes none. */
    static final Map<MemberAction, String> EVENT = Map.of(
            APPROVE, "org.redciudades.membership.application.approved.v1",
            REJECT, "org.redciudades.membership.application.rejected.v1",
            RECORD_AGREEMENT, "org.redciudades.membership.member.activated.v1",
            SUSPEND, "org.redciudades.membership.member.suspended.v1",
            REINSTATE, "org.redciudades.membership.member.reinstated.v1",
            WITHDRAW, "org.redciudades.membership.member.withdrawn.v1",
            MARK_EXPIRING, "org.redciudades.membership.agreement.expiring.v1",
            EXPIRE, "org.redciudades.membership.agreement.expired.v1",
            RENEW, "org.redciudades.membership.agreement.renewed.v1");

    @Test
    void every_status_and_action_pair_either_moves_as_specified_publishing_its_event_or_is_refused() {
        for (MemberStatus status : MemberStatus.values()) {
            for (MemberAction action : MemberAction.values()) {
                MemberStatus expected = ALLOWED.get(status).get(action);
                MemberCommand command = command(action);
                if (expected != null) {
                    var transition = MemberLifecycle.decide(member(status), command, Instant.now(), "organizer-1");
                    assertThat(transition.to()).as("%s + %s", status, action).isEqualTo(expected);
                    assertThat(transition.event().map(e -> EventTypes.of(e.getClass())))
                            .as("event of %s + %s", status, action).isEqualTo(java.util.Optional.ofNullable(EVENT.get(action)));
                } else {
                    assertThatThrownBy(() -> MemberLifecycle.decide(member(status), command, Instant.now(), "organizer-1"))
                            .as("%s + %s", status, action)
                            .isInstanceOfSatisfying(InvalidTransitionException.class, e -> {
                                assertThat(e.current()).isEqualTo(status);
                                assertThat(e.allowed()).isEqualTo(ALLOWED.get(status).keySet());
                            });
                }
            }
        }
    }

    @Test
    void rejected_and_withdrawn_are_final() {
        assertThat(MemberLifecycle.allowed(REJECTED)).isEmpty();
        assertThat(MemberLifecycle.allowed(WITHDRAWN)).isEmpty();
    }

    static MemberCommand command(MemberAction action) {
        Member.Agreement agreement = agreement();
        return switch (action) {
            case START_REVIEW -> new MemberCommand.StartReview();
            case APPROVE -> new MemberCommand.Approve();
            case REJECT -> new MemberCommand.Reject("Fuera del ámbito de la Red");
            case RECORD_AGREEMENT -> new MemberCommand.RecordAgreement(agreement);
            case SUSPEND -> new MemberCommand.Suspend("Incumplimiento del convenio");
            case REINSTATE -> new MemberCommand.Reinstate(null);
            case WITHDRAW -> new MemberCommand.Withdraw("Cambio de administración");
            case MARK_EXPIRING -> new MemberCommand.MarkExpiring();
            case EXPIRE -> new MemberCommand.Expire();
            case RENEW -> new MemberCommand.Renew(agreement);
        };
    }

    static Member.Agreement agreement() {
        return new Member.Agreement(UUID.randomUUID(), LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 1),
                LocalDate.of(2028, 11, 30), "RCI-CONV-2026-014", "Dirección General", "Coordinación de la Red");
    }

    static Member member(MemberStatus status) {
        return new Member(UUID.randomUUID(),
                new Member.Institution("IMPLAN Torreón", Member.InstitutionKind.MUNICIPAL_PLANNING_INSTITUTE, "MX",
                        "Coahuila", "Torreón", null),
                "es-MX", "America/Monterrey", status,
                List.of(new Member.Contact(UUID.randomUUID(), "Mariana", "m@example.mx", null, "es-MX", true)),
                agreement(), Instant.now());
    }
}
