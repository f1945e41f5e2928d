package org.redciudades.chassis.security;

/**
 * The roles a token can carry in its {@code roles} claim. Spring Security sees them as
 * {@code ROLE_<name>}, so access rules say {@code hasRole(Roles.ORGANIZER)}.
 */
public final class Roles {

    /** Network staff: review members, record agreements, announce events. */
    public static final String ORGANIZER = "organizer";
    /** A staff person of a member institution; the token's {@code member_id} claim names the institution. */
    public static final String MEMBER = "member";
    /** Operations: health, metrics, dead letters. */
    public static final String OPS = "ops";

    private Roles() {
    }
}
