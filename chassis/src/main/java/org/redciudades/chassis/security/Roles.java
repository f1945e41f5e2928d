package org.redciudades.chassis.security;

/**
 * The roles a token can carry, in the claim {@code chassis.security.roles-claim} names. Spring Security
 * sees them as {@code ROLE_<name>}, so access rules say {@code hasRole(Roles.ORGANIZER)}. A person needs
 * no role to register for events or read their own inbox: being signed in is enough, and what they may
 * do for an institution follows from their verified email (chassis/API.md, "Who may call").
 */
public final class Roles {

    /** Network staff: review members, record agreements, announce events, see every registration. */
    public static final String ORGANIZER = "organizer";
    /** Operations: health, metrics, dead letters. */
    public static final String OPS = "ops";

    private Roles() {
    }
}
