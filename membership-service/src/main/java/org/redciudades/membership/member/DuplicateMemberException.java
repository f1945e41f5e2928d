package org.redciudades.membership.member;

import java.util.UUID;
import org.redciudades.chassis.web.ProblemException;
import org.springframework.http.HttpStatus;

/** An open application or a member already has this name and country, or one of these contact emails. */
public class DuplicateMemberException extends ProblemException {

    public DuplicateMemberException(UUID existing) {
        super(HttpStatus.CONFLICT, "duplicate-member", existing);
        with("existingMemberId", existing);
    }
}
