package org.redciudades.membership.member;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The member lifecycle, in one place: which action moves which status where. Every change of status
 * goes through {@link #next}, so an invalid step is refused the same way wherever it comes from.
 */
public final class MemberLifecycle {

    private static final Map<MemberStatus, Map<MemberAction, MemberStatus>> TRANSITIONS = new EnumMap<>(Map.of(
            MemberStatus.SUBMITTED, Map.of(MemberAction.APPROVE, MemberStatus.APPROVED),
            MemberStatus.APPROVED, Map.of(MemberAction.RECORD_AGREEMENT, MemberStatus.ACTIVE),
            MemberStatus.ACTIVE, Map.of()));

    private MemberLifecycle() {
    }

    public static MemberStatus next(MemberStatus current, MemberAction action) {
        MemberStatus next = TRANSITIONS.get(current).get(action);
        if (next == null) {
            throw new InvalidTransitionException(current, action, allowed(current));
        }
        return next;
    }

    public static Set<MemberAction> allowed(MemberStatus current) {
        return TRANSITIONS.get(current).keySet();
    }
}
