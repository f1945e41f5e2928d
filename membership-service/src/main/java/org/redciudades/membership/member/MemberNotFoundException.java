package org.redciudades.membership.member;

import java.util.UUID;
import org.redciudades.chassis.web.ProblemException;
import org.springframework.http.HttpStatus;

public class MemberNotFoundException extends ProblemException {

    public MemberNotFoundException(UUID id) {
        super(HttpStatus.NOT_FOUND, "member-not-found", id);
    }
}
