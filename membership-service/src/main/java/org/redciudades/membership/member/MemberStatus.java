package org.redciudades.membership.member;

public enum MemberStatus {
    /** Applied; waiting for an organizer. */
    SUBMITTED,
    UNDER_REVIEW,
    /** Approved; waiting for the signed agreement. */
    APPROVED,
    /** Final. */
    REJECTED,
    ACTIVE,
    SUSPENDED,
    /** Active, with an agreement that ends within the configured number of days. */
    EXPIRING,
    EXPIRED,
    /** Final. */
    WITHDRAWN
}
