package org.redciudades.membership.member;

import java.util.UUID;

public class MemberNotFoundException extends RuntimeException {

    public MemberNotFoundException(UUID id) {
        super("No member " + id);
    }
}
