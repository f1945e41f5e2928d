package org.redciudades.portal.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.redciudades.portal.PortalProperties;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.stereotype.Component;

/**
 * At sign-in, the roles in the ID token's roles claim ({@code portal.roles-claim}) become the authorities
 * {@code ROLE_<role>}, which open the organizers' pages ({@code /organizer/**}) and ops' ({@code /ops/**}).
 */
@Component
class RoleAuthorities implements GrantedAuthoritiesMapper {

    private final String rolesClaim;

    RoleAuthorities(PortalProperties properties) {
        this.rolesClaim = properties.rolesClaim();
    }

    @Override
    public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
        Set<GrantedAuthority> mapped = new LinkedHashSet<>(authorities);
        for (GrantedAuthority authority : authorities) {
            if (authority instanceof OidcUserAuthority oidc) {
                SignedInPerson.roles(oidc.getIdToken().getClaims(), rolesClaim)
                        .forEach(role -> mapped.add(new SimpleGrantedAuthority("ROLE_" + role)));
                if (oidc.getUserInfo() != null) {
                    SignedInPerson.roles(oidc.getUserInfo().getClaims(), rolesClaim)
                            .forEach(role -> mapped.add(new SimpleGrantedAuthority("ROLE_" + role)));
                }
            }
        }
        return mapped;
    }
}
