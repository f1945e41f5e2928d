package org.redciudades.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redciudades.portal.PortalProperties;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

class RoleAuthoritiesTest {

    @Test
    void the_roles_of_the_id_token_become_the_authorities_that_open_each_roles_pages() {
        OidcUserAuthority signedIn = new OidcUserAuthority(idToken(Map.of("roles", List.of("organizer", "ops"))));

        List<String> authorities = mapper("roles").mapAuthorities(List.of(signedIn)).stream()
                .map(GrantedAuthority::getAuthority).toList();

        assertThat(authorities).contains("ROLE_organizer", "ROLE_ops");
    }

    @Test
    void keycloak_realm_roles_are_read_by_a_dotted_path_and_a_space_separated_string_counts_too() {
        OidcUserAuthority keycloak = new OidcUserAuthority(idToken(Map.of("realm_access", Map.of("roles", List.of("ops")))));
        OidcUserAuthority spaced = new OidcUserAuthority(idToken(Map.of("groups", "organizer  ops")));

        assertThat(mapper("realm_access.roles").mapAuthorities(List.of(keycloak)).stream()
                .map(GrantedAuthority::getAuthority)).contains("ROLE_ops").doesNotContain("ROLE_organizer");
        assertThat(mapper("groups").mapAuthorities(List.of(spaced)).stream()
                .map(GrantedAuthority::getAuthority)).contains("ROLE_organizer", "ROLE_ops");
    }

    @Test
    void a_person_without_the_claim_has_no_role_and_sees_neither_organizers_nor_ops_pages() {
        OidcIdToken token = idToken(Map.of());
        var authorities = mapper("roles").mapAuthorities(List.of(new OidcUserAuthority(token)));
        var person = SignedInPerson.from(new TestingAuthenticationToken(
                new DefaultOidcUser(List.copyOf(authorities), token), null, List.copyOf(authorities))).orElseThrow();

        assertThat(person.isOrganizer()).isFalse();
        assertThat(person.isOps()).isFalse();
        assertThat(person.zone()).hasValue(ZoneId.of("America/Monterrey"));
    }

    private static RoleAuthorities mapper(String claim) {
        return new RoleAuthorities(new PortalProperties(null, null, ZoneId.of("America/Mexico_City"), "{baseUrl}/", claim));
    }

    private static OidcIdToken idToken(Map<String, Object> claims) {
        OidcIdToken.Builder token = OidcIdToken.withTokenValue("id-token").subject("persona")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300))
                .claim("email", "persona@municipio.example.mx").claim("zoneinfo", "America/Monterrey");
        claims.forEach(token::claim);
        return token.build();
    }
}
