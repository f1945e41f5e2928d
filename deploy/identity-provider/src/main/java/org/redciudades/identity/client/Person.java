package org.redciudades.identity.client;

import java.util.List;
import java.util.Map;

/**
 * A person for {@link IdentityProviderClient#putPerson}: the body of {@code PUT /admin/people/{username}}.
 *
 * @param password in plain text
 * @param locale   {@code es-MX} or {@code en}
 * @param zoneinfo a time zone, e.g. {@code America/Mexico_City}
 * @param claims   further claims for the person's tokens (say, a {@code realm_access} object as Keycloak makes); may be empty
 */
public record Person(String username, String password, String email, boolean emailVerified, String name,
                     String locale, String zoneinfo, List<String> roles, Map<String, Object> claims) {

    public Person {
        roles = roles == null ? List.of() : List.copyOf(roles);
        claims = claims == null ? Map.of() : Map.copyOf(claims);
    }

    /** A person with a verified email, no extra claims, in Mexico City's time zone. */
    public Person(String username, String password, String email, String name, String locale, List<String> roles) {
        this(username, password, email, true, name, locale, "America/Mexico_City", roles, Map.of());
    }
}
