package org.redciudades.membership.member;

public enum MemberAction {
    APPROVE,
    RECORD_AGREEMENT
}
