package org.redciudades.membership.member;

import java.util.Set;
import org.redciudades.chassis.web.ProblemException;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;

/**
 * An action that the member's current status does not allow: 409, naming the status and the allowed actions. The
 * detail names the action and the status in words ({@code member.action.*}, {@code member.status.*}), for a person.
 */
public class InvalidTransitionException extends ProblemException {

    private final MemberStatus current;
    private final Set<MemberAction> allowed;

    public InvalidTransitionException(MemberStatus current, MemberAction action, Set<MemberAction> allowed) {
        super(HttpStatus.CONFLICT, "invalid-transition", inWords("member.action.", action), inWords("member.status.", current));
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

    private static DefaultMessageSourceResolvable inWords(String prefix, Enum<?> value) {
        return new DefaultMessageSourceResolvable(new String[]{prefix + value.name()}, value.name());
    }
}
