package org.redciudades.portal.security;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who is signed in, as the identity provider's ID token says: the name and email to prefill, the zone to show times in
 * ({@code zoneinfo}), and the roles that open the organizers' and ops' pages (as authorities {@code ROLE_organizer},
 * {@code ROLE_ops}, from {@link RoleAuthorities}). Whether they act for an institution is not here: the services know
 * that.
 */
public record SignedInPerson(String name, String email, Optional<ZoneId> zone, Set<String> roles) {

    public static final String ORGANIZER = "organizer";
    public static final String OPS = "ops";

    public SignedInPerson {
        roles = Set.copyOf(roles);
    }

    public static Optional<SignedInPerson> from(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser user)) {
            return Optional.empty();
        }
        String name = user.getFullName() != null ? user.getFullName() : user.getSubject();
        Set<String> roles = new LinkedHashSet<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (authority.getAuthority() != null && authority.getAuthority().startsWith("ROLE_")) {
                roles.add(authority.getAuthority().substring("ROLE_".length()));
            }
        }
        return Optional.of(new SignedInPerson(name, user.getEmail(), zone(user.getZoneInfo()), roles));
    }

    public boolean isOrganizer() {
        return roles.contains(ORGANIZER);
    }

    public boolean isOps() {
        return roles.contains(OPS);
    }

    /** The roles in {@code claims}: a list of names, or one string of names separated by spaces; by name or dotted path. */
    static Set<String> roles(Map<String, Object> claims, String claim) {
        Object value = claims.containsKey(claim) ? claims.get(claim) : null;
        if (value == null && claim.contains(".")) {
            Object step = claims;
            for (String part : claim.split("\\.")) {
                step = step instanceof Map<?, ?> object ? object.get(part) : null;
            }
            value = step;
        }
        Set<String> roles = new LinkedHashSet<>();
        if (value instanceof Collection<?> names) {
            names.stream().filter(String.class::isInstance).map(String.class::cast).map(String::strip)
                    .filter(name -> !name.isEmpty()).forEach(roles::add);
        } else if (value instanceof String names) {
            for (String name : names.strip().split("\\s+")) {
                if (!name.isEmpty()) {
                    roles.add(name);
                }
            }
        }
        return roles;
    }

    private static Optional<ZoneId> zone(String zoneinfo) {
        if (zoneinfo == null || zoneinfo.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(zoneinfo));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
