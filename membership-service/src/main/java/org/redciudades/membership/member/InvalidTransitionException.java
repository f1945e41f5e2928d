package org.redciudades.membership.member;

import java.util.Set;

/** An action that the member's current status does not allow. */
public class InvalidTransitionException extends RuntimeException {

    private final MemberStatus current;
    private final MemberAction action;
    private final Set<MemberAction> allowed;

    public InvalidTransitionException(MemberStatus current, MemberAction action, Set<MemberAction> allowed) {
        super(action + " is not allowed when the member is " + current);
        this.current = current;
        this.action = action;
        this.allowed = allowed;
    }

    public MemberStatus current() {
        return current;
    }

    public MemberAction action() {
        return action;
    }

    public Set<MemberAction> allowed() {
        return allowed;
    }
}
