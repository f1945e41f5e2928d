package org.redciudades.identity.people;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A person who can sign in, as the provider keeps them.
 *
 * @param username the sign-in name and the tokens' {@code sub}
 * @param password in DelegatingPasswordEncoder form, e.g. {@code {bcrypt}$2a$10$...}
 * @param locale   {@code es-MX} or {@code en}, the languages the network writes in
 * @param claims   further claims for this person's tokens, such as {@code department}
 */
public record Person(String username, String password, String email, boolean emailVerified, String name,
                     String locale, String zoneinfo, List<String> roles, Map<String, Object> claims) {

    public static final Set<String> LOCALES = Set.of("es-MX", "en");

    /** Claims the provider sets itself, which {@link #claims} may not replace. */
    private static final Set<String> RESERVED_CLAIMS = Set.of("sub", "iss", "aud", "exp", "iat", "nbf", "jti", "scope",
            "email", "email_verified", "name", "locale", "zoneinfo", "nonce", "sid", "auth_time", "azp");

    public Person {
        require(username != null && !username.isBlank() && username.strip().equals(username)
                && username.length() <= 100 && username.chars().noneMatch(c -> c == '/' || Character.isWhitespace(c)),
                "username must be 1 to 100 characters without spaces or slashes");
        require(password != null && !password.isBlank(), "password is required");
        require(email != null && email.indexOf('@') > 0, "email must be an email address");
        require(name != null && !name.isBlank(), "name is required");
        require(LOCALES.contains(locale), "locale must be one of " + LOCALES);
        require(isZone(zoneinfo), "zoneinfo must be a time zone such as America/Mexico_City");
        roles = roles == null ? List.of() : List.copyOf(roles);
        claims = claims == null ? Map.of() : Map.copyOf(claims);
        for (var claim : claims.keySet()) {
            require(!RESERVED_CLAIMS.contains(claim), "claim " + claim + " is set by the provider itself");
        }
    }

    /** The claims of this person's access and ID tokens and of /userinfo, besides {@code sub}. */
    public Map<String, Object> tokenClaims(String rolesClaim) {
        var tokenClaims = new LinkedHashMap<String, Object>(claims);
        tokenClaims.put("email", email);
        tokenClaims.put("email_verified", emailVerified);
        tokenClaims.put("name", name);
        tokenClaims.put("locale", locale);
        tokenClaims.put("zoneinfo", zoneinfo);
        tokenClaims.put(rolesClaim, roles);
        return tokenClaims;
    }

    /** The same person with another password (already encoded). */
    Person withPassword(String encodedPassword) {
        return new Person(username, encodedPassword, email, emailVerified, name, locale, zoneinfo, roles, claims);
    }

    private static boolean isZone(String zoneinfo) {
        if (zoneinfo == null) {
            return false;
        }
        try {
            ZoneId.of(zoneinfo);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
