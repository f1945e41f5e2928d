package org.redciudades.membership.member;

public enum MemberStatus {
    SUBMITTED,
    APPROVED,
    ACTIVE
}
