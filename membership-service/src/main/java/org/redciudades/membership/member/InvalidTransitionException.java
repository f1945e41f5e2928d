package org.redciudades.membership.member;

import java.util.Set;
import org.redciudades.chassis.web.ProblemException;
import org.springframework.http.HttpStatus;

/** An action that the member's current status does not allow: 409, naming the status and the allowed actions. */
public class InvalidTransitionException extends ProblemException {

    private final MemberStatus current;
    private final Set<MemberAction> allowed;

    public InvalidTransitionException(MemberStatus current, MemberAction action, Set<MemberAction> allowed) {
        super(HttpStatus.CONFLICT, "invalid-transition", action, current);
        this.current = current;
        this.allowed = allowed;
        with("currentStatus", current);
        with("action", action);
        with("allowedActions", allowed);
    }

    public MemberStatus current() {
        return current;
    }

    public Set<MemberAction> allowed() {
        return allowed;
    }
}
