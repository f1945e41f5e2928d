package org.redciudades.chassis.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.redciudades.chassis.privacy.EmailAddresses;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a validated JWT into the request's authentication: the {@link Caller} as principal, and one
 * authority {@code ROLE_<role>} for each role in the claim {@link SecurityProperties#rolesClaim()} names.
 * A token without that claim is a signed-in person with no role.
 */
public class CallerTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecurityProperties claims;

    public CallerTokenConverter(SecurityProperties claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Caller caller = caller(jwt);
        List<GrantedAuthority> authorities = caller.roles().stream()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        return new JwtAuthenticationToken(jwt, caller, authorities);
    }

    public Caller caller(Jwt jwt) {
        return new Caller(jwt.getSubject(), verifiedEmail(jwt), roles(claim(jwt.getClaims(), claims.rolesClaim())));
    }

    private Optional<String> verifiedEmail(Jwt jwt) {
        Object verified = claim(jwt.getClaims(), claims.emailVerifiedClaim());
        boolean isVerified = Boolean.TRUE.equals(verified) || verified instanceof String text && "true".equalsIgnoreCase(text);
        Object email = claim(jwt.getClaims(), claims.emailClaim());
        if (!isVerified || !(email instanceof String address) || !EmailAddresses.isAddress(address)) {
            return Optional.empty();
        }
        return Optional.of(EmailAddresses.normalized(address));
    }

    /** The claim by its whole name, or else by a dotted path through nested objects. */
    static Object claim(Map<String, Object> claims, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        if (claims.containsKey(name)) {
            return claims.get(name);
        }
        Object value = claims;
        for (String step : name.split("\\.")) {
            if (!(value instanceof Map<?, ?> object)) {
                return null;
            }
            value = object.get(step);
        }
        return value;
    }

    /** A list of names, or one string of names separated by spaces (as {@code scope} is). */
    private static Set<String> roles(Object claim) {
        Set<String> roles = new LinkedHashSet<>();
        if (claim instanceof Collection<?> names) {
            names.stream().filter(String.class::isInstance).map(String.class::cast).map(String::strip)
                    .filter(name -> !name.isEmpty()).forEach(roles::add);
        } else if (claim instanceof String names) {
            for (String name : names.strip().split("\\s+")) {
                if (!name.isEmpty()) {
                    roles.add(name);
                }
            }
        }
        return roles;
    }
}
