package org.redciudades.membership.member;

public enum MemberAction {
    START_REVIEW,
    APPROVE,
    REJECT,
    RECORD_AGREEMENT,
    SUSPEND,
    REINSTATE,
    WITHDRAW,
    /** Taken by the service itself when the agreement's end comes near. */
    MARK_EXPIRING,
    /** Taken by the service itself when the agreement has ended. */
    EXPIRE,
    RENEW
}
