package org.redciudades.portal.security;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who is signed in, as the identity provider's ID token says: the name and email to prefill, and the zone to show
 * times in ({@code zoneinfo}). Whether they act for an institution is not here: the services know that.
 */
public record SignedInPerson(String name, String email, Optional<ZoneId> zone) {

    public static Optional<SignedInPerson> from(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser user)) {
            return Optional.empty();
        }
        String name = user.getFullName() != null ? user.getFullName() : user.getSubject();
        return Optional.of(new SignedInPerson(name, user.getEmail(), zone(user.getZoneInfo())));
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
