package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberLifecycleTest {

    /** Every allowed step; any (status, action) pair not listed here must be refused. */
    static final Map<MemberStatus, Map<MemberAction, MemberStatus>> EXPECTED = Map.of(
            MemberStatus.SUBMITTED, Map.of(MemberAction.APPROVE, MemberStatus.APPROVED),
            MemberStatus.APPROVED, Map.of(MemberAction.RECORD_AGREEMENT, MemberStatus.ACTIVE),
            MemberStatus.ACTIVE, Map.of());

    @Test
    void every_status_and_action_pair_either_moves_as_specified_or_is_refused_naming_the_allowed_actions() {
        for (MemberStatus status : MemberStatus.values()) {
            for (MemberAction action : MemberAction.values()) {
                MemberStatus expected = EXPECTED.get(status).get(action);
                if (expected != null) {
                    assertThat(MemberLifecycle.next(status, action)).as("%s + %s", status, action).isEqualTo(expected);
                } else {
                    assertThatThrownBy(() -> MemberLifecycle.next(status, action))
                            .as("%s + %s", status, action)
                            .isInstanceOfSatisfying(InvalidTransitionException.class, e -> {
                                assertThat(e.current()).isEqualTo(status);
                                assertThat(e.allowed()).isEqualTo(EXPECTED.get(status).keySet());
                            });
                }
            }
        }
    }
}
